import Foundation

/// The accelerometer between the machine and the window: MPU6050 range, resolution, noise and filter.
///
/// The MPU6050 samples its accelerometer at 1 kHz, runs its digital low-pass filter (DLPF) on those
/// samples and hands out every n-th one (SMPLRT_DIV). The simulator does the same: it synthesises the
/// vibration at `internalRateHz`, filters it with a second-order Butterworth of `dlpfBandwidthHz`
/// (the register's documented −3 dB point; its documented delays, 3.0 ms at 94 Hz and 4.9 ms at
/// 44 Hz, match a second-order Butterworth's 2.4 ms and 5.1 ms), decimates, adds gravity and the
/// zero-g offset, and quantizes to int16 counts. Content above the output Nyquist frequency that
/// passes the DLPF aliases, as it does on the real part.
public struct SensorModel: Codable, Hashable, Sendable {
  /// Full-scale range in g (±2 g on the MPU6050 at AFS_SEL = 0).
  public var fullScaleG: Double
  /// Output counts per g (16384 LSB/g at ±2 g).
  public var countsPerG: Double
  /// White-noise spectral density of the output in g/√Hz (datasheet: 400 µg/√Hz).
  public var noiseDensityGPerRootHz: Double
  /// −3 dB bandwidth of the digital low-pass filter in Hz.
  public var dlpfBandwidthHz: Double
  /// Rate of the ADC before the sample-rate divider, in Hz (1 kHz on the MPU6050 with the DLPF on).
  public var adcRateHz: Double

  /// A sensor model; `mpu6050(for:)` picks the values of the real part.
  public init(
    fullScaleG: Double = 2, countsPerG: Double = 16384, noiseDensityGPerRootHz: Double = 400e-6,
    dlpfBandwidthHz: Double, adcRateHz: Double = 1000
  ) {
    self.fullScaleG = fullScaleG
    self.countsPerG = countsPerG
    self.noiseDensityGPerRootHz = noiseDensityGPerRootHz
    self.dlpfBandwidthHz = dlpfBandwidthHz
    self.adcRateHz = adcRateHz
  }

  /// The bandwidths the MPU6050's DLPF_CFG register offers for the accelerometer, widest first.
  public static let mpu6050DLPFBandwidthsHz: [Double] = [260, 184, 94, 44, 21, 10, 5]

  /// An MPU6050 at ±2 g whose DLPF is the widest setting below the output's Nyquist frequency.
  ///
  /// At 200 Hz that is 94 Hz (DLPF_CFG = 2): it keeps the 2× and 3× lines of a 25 Hz shaft while the
  /// 44 Hz setting would already cut 2× by 4 dB; at 1 kHz it is 260 Hz.
  public static func mpu6050(for format: WindowFormat) -> SensorModel {
    var sensor = SensorModel(dlpfBandwidthHz: 0)
    let limit = min(format.nyquistHz, 0.45 * sensor.internalRateHz(for: format))
    sensor.dlpfBandwidthHz = mpu6050DLPFBandwidthsHz.first { $0 < limit } ?? mpu6050DLPFBandwidthsHz.last!
    return sensor
  }

  /// ADC samples per output sample for a format: the sample-rate divider plus one.
  public func decimation(for format: WindowFormat) -> Int {
    max(1, Int((adcRateHz / format.sampleRateHz).rounded()))
  }

  /// The rate at which the simulator synthesises and filters before decimation.
  public func internalRateHz(for format: WindowFormat) -> Double {
    Double(decimation(for: format)) * format.sampleRateHz
  }

  /// Equivalent noise bandwidth of the DLPF: π/(2√2) × the −3 dB bandwidth for a second-order Butterworth.
  public var equivalentNoiseBandwidthHz: Double { Double.pi / (2 * 2.0.squareRoot()) * dlpfBandwidthHz }

  /// Documented RMS noise of one output sample in g: noise density × √(equivalent noise bandwidth).
  ///
  /// About 4.1 mg at the 94 Hz setting, 2.9 mg at 44 Hz, 6.8 mg at 260 Hz.
  public var outputNoiseRMSG: Double { noiseDensityGPerRootHz * equivalentNoiseBandwidthHz.squareRoot() }

  /// One output count in g (1/16384 g at ±2 g).
  public var countG: Double { 1 / countsPerG }

  /// The value the output register holds for an acceleration: rounded to a count, clipped to int16 range.
  public func quantize(_ accelerationG: Double) -> Float {
    let maxCount = fullScaleG * countsPerG
    let counts = min(max((accelerationG * countsPerG).rounded(), -maxCount), maxCount - 1)
    return Float(counts / countsPerG)
  }
}
