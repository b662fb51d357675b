/// Which escalations to list, oldest first.
public struct EscalationQuery: Sendable, Equatable {
  /// Only ids greater than this (for paging).
  public var afterID: Int64
  /// At most this many.
  public var limit: Int
  /// Only this device's.
  public var deviceID: String?
  /// Only those no retraining has consumed yet.
  public var unconsumedOnly: Bool

  /// A query; the default lists everything.
  public init(afterID: Int64 = 0, limit: Int = .max, deviceID: String? = nil, unconsumedOnly: Bool = false) {
    self.afterID = afterID
    self.limit = limit
    self.deviceID = deviceID
    self.unconsumedOnly = unconsumedOnly
  }
}
