/// What the device concludes from one window: the int8 model's reconstruction error and its zone.
public struct EdgeVerdict: Equatable, Sendable {
  /// Mean squared error between the standardized features and the int8 model's reconstruction.
  public let mse: Float
  /// Where `mse` falls among the thresholds: normal, ambiguous (ask the cloud) or anomaly.
  public let zone: Zone

  /// A verdict from its parts.
  public init(mse: Float, zone: Zone) {
    self.mse = mse
    self.zone = zone
  }
}
