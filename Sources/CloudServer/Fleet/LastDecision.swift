import Wire

/// The latest decision a device reported, whichever topic it came on.
public struct LastDecision: Codable, Sendable, Equatable {
  /// When the device decided (device clock).
  public var ts: WireTimestamp
  /// Which zone decided it.
  public var zone: DecisionZone
  /// 0 normal, 1 anomaly.
  public var classification: Int
  /// Edge reconstruction error of the window.
  public var mse: Double
}
