/// The shape of one sensor window; rate, length and axis count are configuration so any sensor fits.
///
/// A window is a flat `[Float]` in g, sample-major and interleaved: `x0, y0, z0, x1, y1, z1, …`.
public struct WindowFormat: Codable, Hashable, Sendable {
  /// Samples per axis in one window.
  public var samplesPerWindow: Int
  /// Number of interleaved axes (3 for an accelerometer).
  public var axes: Int
  /// Output data rate in hertz.
  public var sampleRateHz: Double

  /// A window shape; the defaults are the lesson's MPU6050 window (100 samples × 3 axes at 200 Hz).
  public init(samplesPerWindow: Int = 100, axes: Int = 3, sampleRateHz: Double = 200) {
    precondition(
      samplesPerWindow > 0 && axes > 0 && sampleRateHz > 0, "a window needs samples, axes and a rate")
    self.samplesPerWindow = samplesPerWindow
    self.axes = axes
    self.sampleRateHz = sampleRateHz
  }

  /// The lesson's window: 100 samples × 3 axes at 200 Hz (300 values).
  public static let lesson = WindowFormat()

  /// Values in one flattened window.
  public var valuesPerWindow: Int { samplesPerWindow * axes }

  /// Duration of one window in seconds.
  public var windowSeconds: Double { Double(samplesPerWindow) / sampleRateHz }

  /// Half the sampling rate: the highest frequency a window can represent.
  public var nyquistHz: Double { sampleRateHz / 2 }
}
