import EdgeCore

/// The OTA updater's handle on the inference loop: a model it activates is checked by loading it, then put
/// in the `LiveModel` the loop picks up before its next window.
public struct LiveModelActivator: ModelActivator {
  /// What the loop runs; nil until a first model is activated (a device without a built-in model).
  public let live: LiveModel<ModelImage?>
  /// The firmware's own model, if the device has one.
  public let builtIn: ModelImage?

  /// An activator feeding `live`, falling back to `builtIn`.
  public init(live: LiveModel<ModelImage?>, builtIn: ModelImage?) {
    self.live = live
    self.builtIn = builtIn
  }

  /// Loads `payload` (refusing what does not load) and hands it to the loop.
  public func activate(payload: [UInt8], version: Int, thresholds: ZoneThresholds?)
    async throws(ModelActivationError)
  {
    let image = ModelImage(payload: payload, version: version, thresholds: thresholds)
    _ = try image.load()
    live.replace(with: image, version: version)
  }

  /// Hands the built-in model (or none) to the loop.
  public func activateBuiltIn() async {
    live.replace(with: builtIn, version: builtIn?.version ?? 0)
  }

  /// The MSE the active model gives on each window (on its own copy, so the loop is not disturbed).
  public func selfTestMSE(_ windows: [[Float]]) async throws(ModelActivationError) -> [Float] {
    guard let image = live.entry.model else { throw ModelActivationError("no model is active") }
    return try image.load().mse(windows)
  }
}
