/// How the MPU6050 is set up: full scale, low-pass filter and sample rate.
public struct MPU6050Configuration: Equatable, Sendable {
  /// Accelerometer full-scale ranges (`AFS_SEL`).
  public enum Range: UInt8, Sendable, CaseIterable {
    /// ±2 g, 16384 LSB/g (the lesson's setting).
    case g2 = 0
    /// ±4 g, 8192 LSB/g.
    case g4 = 1
    /// ±8 g, 4096 LSB/g.
    case g8 = 2
    /// ±16 g, 2048 LSB/g.
    case g16 = 3

    /// Counts per g.
    public var countsPerG: Float { 16384 / Float(1 << Int(rawValue)) }
  }

  /// Digital low-pass filter settings (`DLPF_CFG` 1…6) by accelerometer bandwidth; all set the gyroscope
  /// output rate, and so the sample-rate base, to 1 kHz.
  public enum LowPassFilter: UInt8, Sendable, CaseIterable {
    /// 184 Hz.
    case hz184 = 1
    /// 94 Hz: just under the 100 Hz Nyquist limit of 200 Hz sampling.
    case hz94 = 2
    /// 44 Hz.
    case hz44 = 3
    /// 21 Hz.
    case hz21 = 4
    /// 10 Hz.
    case hz10 = 5
    /// 5 Hz.
    case hz5 = 6
  }

  /// Sample-rate base with the low-pass filter on.
  public static let filteredOutputRateHz = 1000

  /// Accelerometer full scale.
  public var range: Range
  /// Low-pass filter.
  public var lowPass: LowPassFilter
  /// Samples per second; must divide 1000 with a quotient of 1…256.
  public var sampleRateHz: Int

  /// A configuration; the defaults are the lesson's ±2 g at 200 Hz with a 94 Hz filter.
  public init(range: Range = .g2, lowPass: LowPassFilter = .hz94, sampleRateHz: Int = 200) {
    self.range = range
    self.lowPass = lowPass
    self.sampleRateHz = sampleRateHz
  }

  /// `SMPLRT_DIV` for `sampleRateHz`, or nil when the rate cannot be made exactly.
  public var sampleRateDivider: UInt8? {
    let base = MPU6050Configuration.filteredOutputRateHz
    guard sampleRateHz > 0, base % sampleRateHz == 0 else { return nil }
    let divider = base / sampleRateHz - 1
    return (0...255).contains(divider) ? UInt8(divider) : nil
  }
}
