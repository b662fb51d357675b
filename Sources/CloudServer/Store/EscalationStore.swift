import Wire

/// Durable storage of escalations and summaries; SQLite now, PostgreSQL later behind the same protocol.
public protocol EscalationStore: Sendable {
  /// Stores an escalation durably (committed and synced) before returning.
  ///
  /// When the same device already stored the same `escalationID`, nothing is written and the
  /// earlier record comes back as `.duplicate`, so a retried upload gets the same answer.
  func record(_ escalation: StoredEscalation) async throws -> RecordOutcome

  /// Stores an escalation as `record(_:)` does and calls `completion` once it is durable (or failed), for
  /// callers that must not wait in a task, such as an event loop.
  func record(
    _ escalation: StoredEscalation, completion: @escaping @Sendable (Result<RecordOutcome, any Error>) -> Void
  )

  /// Stores many escalations (an import) with the same guarantees, in order.
  func record(contentsOf escalations: [StoredEscalation]) async throws -> [RecordOutcome]

  /// One escalation by store id.
  func escalation(id: Int64) async throws -> StoredEscalation?

  /// Escalations matching a query, oldest first.
  func escalations(_ query: EscalationQuery) async throws -> [StoredEscalation]

  /// Number of stored escalations.
  func escalationCount() async throws -> Int

  /// Sets (or clears, with nil) the operator label of an escalation; false when the id is unknown.
  ///
  /// A new or changed label is news for retraining: an escalation a cycle already consumed becomes
  /// unconsumed again, so the next cycle learns from the operator's verdict.
  func setOperatorLabel(_ label: Int?, escalationID id: Int64) async throws -> Bool

  /// Marks escalations as consumed by the retraining that produced edge model `version`.
  func markConsumed(ids: [Int64], byVersion version: Int) async throws

  /// Number of escalations no retraining has consumed yet (what the retraining trigger counts).
  func unconsumedEscalationCount() async throws -> Int

  /// Escalations received at or after `since`, counted per device and edge model version.
  func escalationCounts(since: WireTimestamp) async throws -> [EscalationCount]

  /// Summaries received at or after `since`, oldest first.
  func summaries(since: WireTimestamp) async throws -> [SummaryRecord]

  /// Every device id that sent an escalation or a summary.
  func deviceIDs() async throws -> [String]

  /// Stores a feature summary durably.
  func record(summary: SummaryRecord) async throws -> SummaryRecord

  /// Summaries, newest first, optionally of one device.
  func summaries(deviceID: String?, limit: Int) async throws -> [SummaryRecord]

  /// Number of stored summaries.
  func summaryCount() async throws -> Int

  /// Bytes the store occupies on disk.
  func sizeOnDisk() throws -> Int

  /// Stops accepting writes, commits everything already accepted, and closes.
  func close() async
}

/// Escalations of one device from one edge model version (the rollout's telemetry).
public struct EscalationCount: Sendable, Equatable {
  /// The escalating device.
  public var deviceID: String
  /// The edge model version it ran, when it said.
  public var edgeModelVersion: Int?
  /// How many.
  public var count: Int

  /// A count.
  public init(deviceID: String, edgeModelVersion: Int?, count: Int) {
    self.deviceID = deviceID
    self.edgeModelVersion = edgeModelVersion
    self.count = count
  }
}
