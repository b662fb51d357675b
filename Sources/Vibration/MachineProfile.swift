/// One machine as its sensor sees it: running speed, healthy vibration, mounting, structure and drift.
///
/// Axis roles: a window's axis k plays role `k % 3`: 0 horizontal radial (x), 1 axial (y), 2 vertical
/// radial (z, gravity). That is a sensor screwed on top of a foot-mounted horizontal motor's bearing
/// housing. Per-role arrays below are indexed by role.
public struct MachineProfile: Codable, Hashable, Sendable {
  /// Name used in manifests and logs.
  public var name: String
  /// Shaft speed at mean load, in rpm (4-pole motors run near 1480/1780, 2-pole near 2960).
  public var shaftSpeedRPM: Double
  /// Mains frequency, for the motor's magnetic vibration at twice line frequency.
  public var lineFrequencyHz: Double
  /// Healthy 1× radial vibration velocity, mm/s RMS (ISO 10816-3 zone A/B: below 2.8 mm/s).
  public var residualVelocityMMs: Double
  /// Healthy 2× acceleration relative to 1× (residual misalignment, shaft bow).
  public var secondHarmonicRatio: Double
  /// Healthy 3× acceleration relative to 1×.
  public var thirdHarmonicRatio: Double
  /// Healthy axial 1× relative to radial 1×.
  public var axialRatio: Double
  /// Magnetic 2× line-frequency vibration relative to 1×.
  public var electricalRatio: Double
  /// Mounting response per role: how strongly the housing transmits vibration to the sensor.
  public var axisGains: [Double]
  /// Mounting tilt in degrees: roll about the horizontal axis, pitch about the axial axis.
  public var tiltDegrees: [Double]
  /// Accelerometer zero-g offset per role in g (MPU6050: ±50 mg x/y, ±80 mg z).
  public var zeroGOffsetG: [Double]
  /// Accelerometer sensitivity error per role as a scale factor (MPU6050: ±3 %).
  public var sensitivityScale: [Double]
  /// RMS of broadband structural noise (flow, friction, neighbours) in g.
  public var structuralNoiseG: Double
  /// Corner frequency of the structural noise's first-order low-pass colour, in Hz.
  public var structuralNoiseCornerHz: Double
  /// Mean load as a fraction of rated load.
  public var meanLoad: Double
  /// Standard deviation of the load process (it scales vibration amplitude and slip).
  public var loadVariability: Double
  /// Standard deviation of the shaft speed's slow wander, as a fraction of speed.
  public var speedWander: Double
  /// Bearing defect frequency as an order of shaft speed (outer-race BPFO, 3.5–5 for common bearings).
  public var bearingDefectOrder: Double
  /// Frequency of the housing resonance that bearing and looseness impacts excite, in Hz.
  public var resonanceHz: Double
  /// Damping ratio of that resonance.
  public var resonanceDamping: Double
  /// Fixes the machine's relative harmonic and axis phases: its waveform signature.
  public var signatureSeed: UInt64
  /// How the healthy machine changes over hours of running.
  public var drift: MachineDrift

  /// Shaft rotation frequency at mean load, in Hz.
  public var shaftHz: Double { shaftSpeedRPM / 60 }
}

/// Slow, healthy change of a machine over time: drifted but normal, what retraining must absorb.
public struct MachineDrift: Codable, Hashable, Sendable {
  /// Fractional growth of the healthy vibration amplitude per hour of running (0.05 = +5 %/h).
  public var vibrationGrowthPerHour: Double
  /// Fractional change of shaft speed per hour of running.
  public var speedShiftPerHour: Double

  /// A drift; zero by default.
  public init(vibrationGrowthPerHour: Double = 0, speedShiftPerHour: Double = 0) {
    self.vibrationGrowthPerHour = vibrationGrowthPerHour
    self.speedShiftPerHour = speedShiftPerHour
  }

  /// No drift.
  public static let none = MachineDrift()
}
