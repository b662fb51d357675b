/// The result of one drain.
public struct DrainReport: Equatable, Sendable {
  /// Escalations the cloud stored.
  public var delivered = 0
  /// Escalations the cloud refused for good.
  public var refused = 0
  /// True when an upload failed and the rest stayed queued.
  public var stoppedEarly = false
}
