import EdgeCore

/// The inference loop's side of an update: load a model, make it the one the loop uses from its next window
/// on (no window dropped), and measure it on self-test windows.
public protocol ModelActivator: Sendable {
  /// Loads the `.tflite` `payload` as model `version` and switches the loop to it, with `thresholds` (nil:
  /// the thresholds in the model's own metadata).
  func activate(payload: [UInt8], version: Int, thresholds: ZoneThresholds?)
    async throws(ModelActivationError)
  /// Switches the loop to the model built into the firmware.
  func activateBuiltIn() async
  /// The MSE the active model gives on each raw window.
  func selfTestMSE(_ windows: [[Float]]) async throws(ModelActivationError) -> [Float]
}
