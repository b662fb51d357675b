import Wire

/// Everything the server knows about one device, as `GET /api/devices/{id}` shows it.
public struct FleetDevice: Codable, Sendable, Equatable {
  /// The device id.
  public var id: String
  /// The colour to show, judged when the snapshot was taken.
  public var health: DeviceHealth
  /// What the device last said about itself (online until a status or last will says offline).
  public var state: DeviceState
  /// When the server first heard from it (server clock).
  public var firstSeen: WireTimestamp
  /// When the server last heard from it (server clock; silence is judged on this, not the device clock).
  public var lastSeen: WireTimestamp
  /// Edge model version it runs, once known.
  public var modelVersion: Int?
  /// Seconds since the device started, from its last status.
  public var uptimeS: Double?
  /// Seconds left before its next escalation attempt (0 when not backing off).
  public var backoffS: Double
  /// Escalations waiting in its store-and-forward queue.
  public var queueDepth: Int
  /// Free heap in bytes, on devices that report it.
  public var freeHeap: Int?
  /// Windows decided since it started, by zone (its status totals when it sends them, else counted from events).
  public var counts: DecisionCounts
  /// Ambiguous windows (cloud or fallback) as a share of all; nil before the first window.
  public var escalationRate: Double?
  /// Its latest decision.
  public var lastDecision: LastDecision?
  /// Its last OTA steps, oldest first.
  public var ota: [OTAEvent]
  /// Lost and repeated messages seen in its `seq` counter.
  public var sequence: SequenceStatistics
  /// Telemetry messages received from it.
  public var messages: UInt64

  enum CodingKeys: String, CodingKey {
    case id, health, state, counts, ota, sequence, messages
    case firstSeen = "first_seen"
    case lastSeen = "last_seen"
    case modelVersion = "model_version"
    case uptimeS = "uptime_s"
    case backoffS = "backoff_s"
    case queueDepth = "queue_depth"
    case freeHeap = "free_heap"
    case escalationRate = "escalation_rate"
    case lastDecision = "last_decision"
  }

  /// A device first heard of at `now`.
  init(id: String, now: WireTimestamp) {
    self.id = id
    health = .ok
    state = .online
    firstSeen = now
    lastSeen = now
    backoffS = 0
    queueDepth = 0
    counts = DecisionCounts()
    ota = []
    sequence = SequenceStatistics()
    messages = 0
  }

  /// Its health at `now`: offline as said, stale after `staleAfter` seconds of silence, degraded while
  /// backing off or queueing, else ok.
  func health(at now: WireTimestamp, staleAfter: Double) -> DeviceHealth {
    if state == .offline { return .offline }
    if now.secondsSince1970 - lastSeen.secondsSince1970 > staleAfter { return .stale }
    if backoffS > 0 || queueDepth > 0 { return .degraded }
    return .ok
  }
}
