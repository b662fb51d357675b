/// The shape of one sensor window, so that any rate, length and axis count fits (the lesson: 100 × 3 @ 200 Hz).
///
/// A window is flattened sample-major and interleaved: `x0, y0, z0, x1, y1, z1, …`.
public struct SignalLayout: Equatable, Hashable, Sendable {
  /// Samples per axis in one window.
  public var samplesPerWindow: Int
  /// Number of interleaved axes (3 for an accelerometer).
  public var axes: Int
  /// Sampling rate in hertz; the spectral front-end needs it to name frequencies.
  public var sampleRateHz: Float

  /// A layout; the defaults are the lesson's MPU6050 window.
  public init(samplesPerWindow: Int = 100, axes: Int = 3, sampleRateHz: Float = 200) {
    self.samplesPerWindow = samplesPerWindow
    self.axes = axes
    self.sampleRateHz = sampleRateHz
  }

  /// The lesson's window: 100 samples × 3 axes at 200 Hz (300 values).
  public static let lesson = SignalLayout()

  /// Values in one flattened window.
  public var valuesPerWindow: Int { samplesPerWindow * axes }
}
