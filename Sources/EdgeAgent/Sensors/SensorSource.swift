import EdgeCore

/// Where windows of acceleration come from (the simulator, a replayed file, an MPU6050): one protocol so the
/// inference loop runs the same whatever the sensor.
public protocol SensorSource {
  /// How a source fails.
  associatedtype Failure: Error
  /// The shape of the windows this source delivers.
  var layout: SignalLayout { get }
  /// Overwrites `window` (which holds `layout.valuesPerWindow` values) with the next window, flat and
  /// sample-major interleaved, in g; returns false when the source has no more windows.
  mutating func nextWindow(into window: inout [Float]) async throws(Failure) -> Bool
}
