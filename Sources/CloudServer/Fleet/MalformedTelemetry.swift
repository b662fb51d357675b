import Wire

/// Telemetry refused as malformed: how many, and the latest reasons so an engineer can fix the publisher.
public struct MalformedTelemetry: Codable, Sendable, Equatable {
  /// One refusal.
  public struct Refusal: Codable, Sendable, Equatable {
    /// When it arrived.
    public var at: WireTimestamp
    /// What was wrong.
    public var reason: String
  }

  /// Messages refused so far.
  public var count: UInt64 = 0
  /// The latest refusals, newest last.
  public var recent: [Refusal] = []

  static let recentLimit = 10

  mutating func record(_ reason: String, at now: WireTimestamp) {
    count += 1
    recent.append(Refusal(at: now, reason: reason))
    if recent.count > Self.recentLimit { recent.removeFirst(recent.count - Self.recentLimit) }
  }
}
