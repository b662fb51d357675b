/// The updater's limits and policies.
public struct OTAConfiguration: Equatable, Sendable {
  /// Largest model a slot takes.
  public var maximumModelBytes: Int
  /// Failed download requests tolerated in a row within one check; the bytes so far are kept for the next.
  public var maximumDownloadFailures: Int
  /// Version number reported for the built-in model.
  public var builtInVersion: Int
  /// False for a device without a built-in model: a misbehaving model with no other confirmed slot then
  /// stays (a model that escalates too much beats none), and the misbehaviour is reported.
  public var hasBuiltInModel: Bool
  /// When a freshly applied model counts as misbehaving.
  public var healthPolicy: ModelHealthWatch.Policy

  /// A configuration; defaults: 1 MiB models, 5 failed requests, built-in version 0.
  public init(
    maximumModelBytes: Int = 1 << 20, maximumDownloadFailures: Int = 5, builtInVersion: Int = 0,
    healthPolicy: ModelHealthWatch.Policy = ModelHealthWatch.Policy(), hasBuiltInModel: Bool = true
  ) {
    self.hasBuiltInModel = hasBuiltInModel
    self.maximumModelBytes = maximumModelBytes
    self.maximumDownloadFailures = maximumDownloadFailures
    self.builtInVersion = builtInVersion
    self.healthPolicy = healthPolicy
  }
}
