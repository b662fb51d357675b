import Foundation
import GRDB
import Wire

/// `EscalationStore` on SQLite with group commit: one writer task, one transaction and one fsync per batch.
public final class SQLiteEscalationStore: EscalationStore {
  /// Observes each committed batch: its size and how long the commit took.
  public typealias BatchObserver = @Sendable (_ size: Int, _ duration: Duration) -> Void

  private enum Job: Sendable {
    case escalations([StoredEscalation])
    case summary(SummaryRecord)
  }

  private enum Outcome: Sendable {
    case escalations([RecordOutcome])
    case summary(SummaryRecord)
  }

  private let database: SQLiteDatabase
  private let queue: GroupCommitQueue<Job, Outcome>
  private let writer: Task<Void, Never>
  private let checkpointer: Task<Void, Never>

  /// How often the WAL is checkpointed beside the writer.
  ///
  /// Often, so that each checkpoint's sync of the database file flushes little: at 500 ms it flushed
  /// megabytes at once, and the commits' WAL syncs queued behind it on the disk (up to 45 ms).
  public static let checkpointInterval: Duration = .milliseconds(100)

  /// A store writing through `database`; at most `maximumBatch` jobs share a transaction.
  public init(database: SQLiteDatabase, maximumBatch: Int = 1024, observer: BatchObserver? = nil) {
    self.database = database
    let queue = GroupCommitQueue<Job, Outcome>(maximumBatch: maximumBatch)
    self.queue = queue
    writer = Task {
      await queue.run { jobs in
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = try await database.writeTransaction { db in try Self.apply(jobs, in: db) }
        observer?(jobs.count, clock.now - start)
        return outcomes
      }
    }
    checkpointer = Task {
      while !Task.isCancelled {
        try? await Task.sleep(for: Self.checkpointInterval)
        _ = try? await database.checkpoint()
      }
    }
  }

  public func record(_ escalation: StoredEscalation) async throws -> RecordOutcome {
    try await record(contentsOf: [escalation])[0]
  }

  public func record(
    _ escalation: StoredEscalation, completion: @escaping @Sendable (Result<RecordOutcome, any Error>) -> Void
  ) {
    queue.submit(.escalations([escalation])) { result in
      completion(result.map { Self.escalationOutcomes($0)[0] })
    }
  }

  public func record(contentsOf escalations: [StoredEscalation]) async throws -> [RecordOutcome] {
    Self.escalationOutcomes(try await queue.submit(.escalations(escalations)))
  }

  private static func escalationOutcomes(_ outcome: Outcome) -> [RecordOutcome] {
    guard case .escalations(let outcomes) = outcome else {
      preconditionFailure("an escalation job yields escalation outcomes")
    }
    return outcomes
  }

  public func escalation(id: Int64) async throws -> StoredEscalation? {
    try await database.pool.read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM escalation WHERE id = ?", arguments: [id]).map(
        Self.escalation(from:))
    }
  }

  /// Reads in pages of `readPage` rows, each its own read transaction, so a retraining cycle that loads
  /// thousands of escalations never pins one WAL snapshot for long (the checkpointer keeps up, and the WAL
  /// does not balloon into one large sync that every commit then queues behind).
  public func escalations(_ query: EscalationQuery) async throws -> [StoredEscalation] {
    var result: [StoredEscalation] = []
    var after = query.afterID
    while result.count < query.limit {
      let page = try await escalationPage(
        query, after: after, limit: min(Self.readPage, query.limit - result.count))
      result += page
      guard page.count == Self.readPage, let last = page.last?.id else { break }
      after = last
    }
    return result
  }

  /// Escalation rows read per read transaction.
  static let readPage = 512

  private func escalationPage(_ query: EscalationQuery, after: Int64, limit: Int) async throws
    -> [StoredEscalation]
  {
    try await database.pool.read { db in
      var sql = "SELECT * FROM escalation WHERE id > ?"
      var arguments: StatementArguments = [after]
      if let deviceID = query.deviceID {
        sql += " AND device_id = ?"
        arguments += [deviceID]
      }
      if query.unconsumedOnly { sql += " AND consumed_by_version IS NULL" }
      sql += " ORDER BY id LIMIT ?"
      arguments += [Int64(limit)]
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.escalation(from:))
    }
  }

  public func escalationCount() async throws -> Int {
    try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM escalation") ?? 0 }
  }

  public func setOperatorLabel(_ label: Int?, escalationID id: Int64) async throws -> Bool {
    try await database.pool.write { db in
      try db.execute(
        sql: """
          UPDATE escalation SET operator_label = :label,
            consumed_by_version = CASE WHEN :label IS NOT NULL AND operator_label IS NOT :label THEN NULL
              ELSE consumed_by_version END
          WHERE id = :id
          """,
        arguments: ["label": label, "id": id])
      return db.changesCount > 0
    }
  }

  /// Marks in transactions of `consumeBatch` rows, so a cycle that archives thousands of escalations (each
  /// row rewritten with its window) holds the writer, and every /classify commit behind it, only briefly; a
  /// crash part-way leaves the rest unconsumed for the next cycle.
  public func markConsumed(ids: [Int64], byVersion version: Int) async throws {
    for start in stride(from: 0, to: ids.count, by: Self.consumeBatch) {
      let batch = ids[start..<min(start + Self.consumeBatch, ids.count)]
      try await database.pool.write { db in
        let statement = try db.makeStatement(
          sql: "UPDATE escalation SET consumed_by_version = ? WHERE id = ?")
        for id in batch { try statement.execute(arguments: [version, id]) }
      }
    }
  }

  /// Escalations marked consumed per write transaction.
  static let consumeBatch = 256

  public func unconsumedEscalationCount() async throws -> Int {
    try await database.pool.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM escalation WHERE consumed_by_version IS NULL") ?? 0
    }
  }

  public func escalationCounts(since: WireTimestamp) async throws -> [EscalationCount] {
    try await database.pool.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT device_id, edge_model_version, count(*) AS n FROM escalation WHERE received_at_ms >= ?
          GROUP BY device_id, edge_model_version ORDER BY device_id
          """, arguments: [since.millisecondsSince1970]
      ).map { row in
        EscalationCount(
          deviceID: row["device_id"], edgeModelVersion: row["edge_model_version"], count: row["n"])
      }
    }
  }

  public func summaries(since: WireTimestamp) async throws -> [SummaryRecord] {
    try await database.pool.read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM summary WHERE received_at_ms >= ? ORDER BY id",
        arguments: [since.millisecondsSince1970]
      ).map(Self.summary(from:))
    }
  }

  public func deviceIDs() async throws -> [String] {
    try await database.pool.read { db in
      try String.fetchAll(
        db, sql: "SELECT device_id FROM escalation UNION SELECT device_id FROM summary ORDER BY device_id")
    }
  }

  public func record(summary: SummaryRecord) async throws -> SummaryRecord {
    guard case .summary(let stored) = try await queue.submit(.summary(summary)) else {
      preconditionFailure("a summary job yields a summary")
    }
    return stored
  }

  public func summaries(deviceID: String?, limit: Int) async throws -> [SummaryRecord] {
    try await database.pool.read { db in
      var sql = "SELECT * FROM summary"
      var arguments: StatementArguments = []
      if let deviceID {
        sql += " WHERE device_id = ?"
        arguments += [deviceID]
      }
      sql += " ORDER BY id DESC LIMIT ?"
      arguments += [Int64(clamping: limit)]
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.summary(from:))
    }
  }

  public func summaryCount() async throws -> Int {
    try await database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM summary") ?? 0 }
  }

  public func sizeOnDisk() throws -> Int { database.sizeOnDisk() }

  public func close() async {
    queue.close()
    await writer.value
    checkpointer.cancel()
    await checkpointer.value
  }

  private static func apply(_ jobs: [Job], in db: Database) throws -> [Outcome] {
    let insert = try EscalationInsert(db)
    return try jobs.map { job in
      switch job {
      case .escalations(let records): .escalations(try records.map { try store($0, with: insert, in: db) })
      case .summary(let record): .summary(try Self.insert(record, in: db))
      }
    }
  }

  private static func store(_ record: StoredEscalation, with insert: EscalationInsert, in db: Database) throws
    -> RecordOutcome
  {
    if let id = try insert(record) {
      var stored = record
      stored.id = id
      return .inserted(stored)
    }
    let existing = try Row.fetchOne(
      db, sql: "SELECT * FROM escalation WHERE device_id = ? AND escalation_id = ?",
      arguments: [record.deviceID, record.escalationID])
    guard let existing else {
      throw StoreError.corruptRow(
        table: "escalation", id: 0, reason: "insert conflicted but no earlier row exists")
    }
    return .duplicate(try escalation(from: existing))
  }

  private static func insert(_ record: SummaryRecord, in db: Database) throws -> SummaryRecord {
    try db.execute(
      sql: "INSERT INTO summary (device_id, ts_ms, received_at_ms, summary) VALUES (?, ?, ?, ?)",
      arguments: [
        record.deviceID, record.ts.millisecondsSince1970, record.receivedAt.millisecondsSince1970,
        FeatureBlob.encode(record.summary),
      ])
    var stored = record
    stored.id = db.lastInsertedRowID
    return stored
  }

  private static func escalation(from row: Row) throws -> StoredEscalation {
    let id: Int64 = row["id"]
    guard let features = FeatureBlob.decode(row["features"]) else {
      throw StoreError.corruptRow(
        table: "escalation", id: id, reason: "features blob length is not a multiple of 4")
    }
    return StoredEscalation(
      id: id, deviceID: row["device_id"], escalationID: row["escalation_id"],
      receivedAt: WireTimestamp(millisecondsSince1970: row["received_at_ms"]), features: features,
      edgeMSE: row["edge_mse"], edgeModelVersion: row["edge_model_version"], cloudMSE: row["cloud_mse"],
      classification: row["classification"], confidence: row["confidence"], cloudModel: row["cloud_model"],
      operatorLabel: row["operator_label"], consumedByVersion: row["consumed_by_version"])
  }

  private static func summary(from row: Row) throws -> SummaryRecord {
    let id: Int64 = row["id"]
    guard let values = FeatureBlob.decode(row["summary"]) else {
      throw StoreError.corruptRow(
        table: "summary", id: id, reason: "summary blob length is not a multiple of 4")
    }
    return SummaryRecord(
      id: id, deviceID: row["device_id"], ts: WireTimestamp(millisecondsSince1970: row["ts_ms"]),
      receivedAt: WireTimestamp(millisecondsSince1970: row["received_at_ms"]), summary: values)
  }
}
