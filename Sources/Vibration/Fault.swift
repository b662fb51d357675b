/// The machine faults the simulator can develop, each with its textbook vibration signature.
public enum FaultMode: String, CaseIterable, Codable, Sendable {
  /// Mass imbalance: more 1× radial vibration, horizontal and vertical in quadrature.
  case imbalance
  /// Shaft misalignment: radial 2× and strong axial 1× and 2×.
  case misalignment
  /// Mechanical looseness: half-order and many harmonics, one-sided clipping with impacts.
  case looseness
  /// Rolling-bearing defect: impacts at the defect frequency ringing the housing, modulated by 1×;
  /// in its last stage the worn races also raise 1× and its harmonics.
  ///
  /// The defect rate (3.5–5 × shaft, 80–150 Hz for a 4-pole motor) is near or above the 100 Hz
  /// Nyquist frequency of a 200 Hz window, and the 94 Hz DLPF passes only 5–27 % of the 180–400 Hz
  /// ring: there the impacts cannot be told apart and what the sensor shows is their aliased ring and
  /// its 1× modulation; at 1 kHz the impacts and their rate are resolved. The physics is kept rather
  /// than slowing the defect down to be seen, so up to severity `FaultCalibration.bearingWearOnset`
  /// a bearing shows clearly only on housings that ring low; beyond it (the last of the four stages
  /// of bearing failure) the wear lines make it plain on every machine.
  case bearing

  /// The code used in fault-type files: 0 is normal, then 1…4 in case order (the reference's coding).
  public var code: UInt8 { UInt8(Self.allCases.firstIndex(of: self)! + 1) }

  /// The mode with a given fault-type code; nil for 0 (normal) or an unknown code.
  public init?(code: UInt8) {
    guard code >= 1, Int(code) <= Self.allCases.count else { return nil }
    self = Self.allCases[Int(code) - 1]
  }
}

/// A fault and how far it has developed: severity 0 is healthy, 1 is clearly and severely anomalous.
///
/// Severity maps to physical amplitude linearly (see `FaultCalibration`): 0.1–0.3 is as large as the
/// normal differences between healthy machines, 1 puts the machine deep in ISO 10816-3 zone D.
public struct Fault: Codable, Hashable, Sendable {
  /// Which fault.
  public var mode: FaultMode
  /// How developed it is, clamped to 0…1.
  public var severity: Float

  /// A fault of `mode` at `severity` (clamped to 0…1).
  public init(_ mode: FaultMode, severity: Float) {
    self.mode = mode
    self.severity = min(max(severity, 0), 1)
  }
}

/// A fault that develops over time in a streaming simulation: severity grows linearly, then holds.
public struct FaultRamp: Codable, Hashable, Sendable {
  /// Which fault develops.
  public var mode: FaultMode
  /// Simulated time at which it appears, in seconds since the simulator started.
  public var startSeconds: Double
  /// Time from `startSeverity` to `endSeverity`, in seconds (0 jumps at once).
  public var durationSeconds: Double
  /// Severity when the fault appears.
  public var startSeverity: Float
  /// Severity reached at the end of the ramp and held afterwards.
  public var endSeverity: Float

  /// A ramp from `startSeverity` at `startSeconds` to `endSeverity` `durationSeconds` later.
  public init(
    _ mode: FaultMode, startSeconds: Double, durationSeconds: Double, startSeverity: Float = 0,
    endSeverity: Float = 1
  ) {
    self.mode = mode
    self.startSeconds = startSeconds
    self.durationSeconds = durationSeconds
    self.startSeverity = startSeverity
    self.endSeverity = endSeverity
  }

  /// The fault at a simulated time; nil before it appears.
  public func fault(atSeconds time: Double) -> Fault? {
    guard time >= startSeconds else { return nil }
    let progress = durationSeconds > 0 ? min((time - startSeconds) / durationSeconds, 1) : 1
    return Fault(mode, severity: startSeverity + Float(progress) * (endSeverity - startSeverity))
  }
}
