import Wire

/// One retraining run as the dashboard lists it; appended by whatever server code retrains.
public struct RetrainingRecord: Codable, Sendable, Equatable {
  /// When the run started.
  public var startedAt: WireTimestamp
  /// When it ended (nil while running).
  public var finishedAt: WireTimestamp?
  /// Edge model version it started from.
  public var fromVersion: Int?
  /// Version it produced, if any.
  public var toVersion: Int?
  /// How it ended: e.g. "running", "promoted", "canary", "rejected", "rolled_back", "failed".
  public var outcome: String
  /// Why, in words an engineer can act on.
  public var reason: String
  /// Extra figures worth showing (escalations used, validation AUC, …), name → text.
  public var details: [String: String]

  /// A retraining record.
  public init(
    startedAt: WireTimestamp, finishedAt: WireTimestamp? = nil, fromVersion: Int? = nil,
    toVersion: Int? = nil,
    outcome: String, reason: String, details: [String: String] = [:]
  ) {
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.fromVersion = fromVersion
    self.toVersion = toVersion
    self.outcome = outcome
    self.reason = reason
    self.details = details
  }

  enum CodingKeys: String, CodingKey {
    case outcome, reason, details
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case fromVersion = "from_version"
    case toVersion = "to_version"
  }
}
