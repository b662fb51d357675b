import Foundation
import GRDB
import Testing
import Wire

@testable import CloudServer

@Suite("SQLite escalation store")
struct SQLiteEscalationStoreTests {
  private func escalation(_ device: String, id: String?, mse: Double = 0.05, label: Int = 1)
    -> StoredEscalation
  {
    StoredEscalation(
      deviceID: device, escalationID: id, receivedAt: WireTimestamp(millisecondsSince1970: 1_700_000_000_123),
      features: (0..<300).map { Float($0) * 0.25 - 7 }, edgeMSE: 0.021, edgeModelVersion: 3, cloudMSE: mse,
      classification: label, confidence: 0.875, cloudModel: "cloud-1")
  }

  @Test("a stored escalation reads back with every field, features bit-exact")
  func roundTrip() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    let original = escalation("motor-01", id: "e-1")
    let outcome = try await store.record(original)
    guard case .inserted(let stored) = outcome else {
      Issue.record("expected an insert, got \(outcome)")
      return
    }
    var expected = original
    expected.id = stored.id
    #expect(try await store.escalation(id: try #require(stored.id)) == expected)
    #expect(try await store.escalationCount() == 1)
    await store.close()
  }

  @Test("a record with the optional fields flipped (no ids, a label, a consumer) reads back field for field")
  func optionalFieldsRoundTrip() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    var original = escalation("motor-07", id: nil, mse: 0.125, label: 0)
    original.edgeModelVersion = nil
    original.operatorLabel = 1
    original.consumedByVersion = 9
    let stored = try await store.record(original).record
    original.id = stored.id
    #expect(try await store.escalation(id: try #require(stored.id)) == original)
    await store.close()
  }

  @Test(
    "one batch mixing new rows and a retry stores each new row as sent and answers the retry with the first")
  func mixedBatch() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    let batch = [
      escalation("m", id: "e-1", mse: 0.1), escalation("m", id: nil, mse: 0.2),
      escalation("m", id: "e-1", mse: 0.3, label: 0), escalation("m", id: "e-2", mse: 0.4),
    ]
    let outcomes = try await store.record(contentsOf: batch)
    #expect(outcomes.map(\.isDuplicate) == [false, false, true, false])
    #expect(outcomes[2].record == outcomes[0].record)
    for (sent, outcome) in zip(batch, outcomes) where !outcome.isDuplicate {
      var expected = sent
      expected.id = outcome.record.id
      #expect(try await store.escalation(id: try #require(outcome.record.id)) == expected)
    }
    #expect(try await store.escalationCount() == 3)
    await store.close()
  }

  @Test("the writer syncs the WAL at every commit (synchronous FULL survives the pool's WAL setup)")
  func writerSyncsEveryCommit() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let database = try SQLiteDatabase(directory: directory.url)
    // 2 is FULL; opening a pool sets NORMAL (1), which syncs only at checkpoints.
    let level = try await database.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    #expect(level == 2)
    try database.close()
  }

  @Test("a write transaction whose body throws leaves nothing behind and the next one commits")
  func failedTransactionRollsBack() async throws {
    struct Refused: Error {}
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let database = try SQLiteDatabase(directory: directory.url)
    await #expect(throws: Refused.self) {
      try await database.writeTransaction { db in
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('refused', 1)")
        throw Refused()
      }
    }
    try await database.writeTransaction { db in
      try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('kept', 2)")
    }
    let keys = try await database.pool.read { db in
      try String.fetchAll(db, sql: "SELECT key FROM setting WHERE key IN ('refused', 'kept')")
    }
    #expect(keys == ["kept"])
    try database.close()
  }

  @Test("the same device and escalation id are stored once and the retry gets the first answer")
  func idempotentRetry() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    let first = try await store.record(escalation("motor-01", id: "e-1", mse: 0.05, label: 1))
    let retry = try await store.record(escalation("motor-01", id: "e-1", mse: 0.01, label: 0))
    #expect(!first.isDuplicate)
    #expect(retry.isDuplicate)
    #expect(retry.record == first.record)
    #expect(try await store.record(escalation("motor-02", id: "e-1")).isDuplicate == false)
    #expect(try await store.record(escalation("motor-01", id: nil)).isDuplicate == false)
    #expect(try await store.record(escalation("motor-01", id: nil)).isDuplicate == false)
    #expect(try await store.escalationCount() == 4)
    await store.close()
  }

  @Test("an escalation without an id is stored again each time it is sent, even inside one batch")
  func noIDStoredEachTime() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    let lesson = escalation("esp32-01", id: nil)
    let outcomes = try await store.record(contentsOf: [lesson, lesson])
    let later = try await store.record(lesson)
    #expect((outcomes + [later]).allSatisfy { !$0.isDuplicate })
    #expect(Set((outcomes + [later]).map(\.record.id)).count == 3)
    #expect(try await store.escalationCount() == 3)
    await store.close()
  }

  @Test("concurrent retries of one id inside one batch are stored once")
  func concurrentRetries() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    let outcomes = try await withThrowingTaskGroup(of: RecordOutcome.self) { group in
      for _ in 0..<20 { group.addTask { try await store.record(escalation("m", id: "same")) } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(outcomes.filter { !$0.isDuplicate }.count == 1)
    #expect(Set(outcomes.map(\.record.id)).count == 1)
    #expect(try await store.escalationCount() == 1)
    await store.close()
  }

  @Test("escalations survive closing and reopening the database")
  func durableAcrossReopen() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let database = try SQLiteDatabase(directory: directory.url)
    let store = SQLiteEscalationStore(database: database)
    _ = try await store.record(contentsOf: (0..<50).map { escalation("m", id: "e-\($0)") })
    await store.close()
    try database.close()
    let reopened = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    #expect(try await reopened.escalationCount() == 50)
    #expect(
      try await reopened.escalations(EscalationQuery(afterID: 10, limit: 5)).map(\.id) == [
        11, 12, 13, 14, 15,
      ])
    await reopened.close()
  }

  @Test("operator labels, consumption marks and summaries are stored")
  func labelsConsumptionSummaries() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    let id = try #require(try await store.record(escalation("m", id: "a")).record.id)
    let other = try #require(try await store.record(escalation("m", id: "b")).record.id)
    #expect(try await store.setOperatorLabel(0, escalationID: id))
    #expect(try await store.setOperatorLabel(0, escalationID: 999) == false)
    try await store.markConsumed(ids: [id], byVersion: 4)
    let labelled = try #require(try await store.escalation(id: id))
    #expect(labelled.operatorLabel == 0)
    #expect(labelled.effectiveLabel == 0)
    #expect(labelled.consumedByVersion == 4)
    #expect(try await store.escalations(EscalationQuery(unconsumedOnly: true)).map(\.id) == [other])
    let summary = SummaryRecord(
      deviceID: "m", ts: WireTimestamp(millisecondsSince1970: 5),
      receivedAt: WireTimestamp(millisecondsSince1970: 6),
      summary: (0..<20).map(Float.init))
    let stored = try await store.record(summary: summary)
    #expect(try await store.summaries(deviceID: "m", limit: 10) == [stored])
    #expect(try await store.summaryCount() == 1)
    await store.close()
  }

  @Test("a closed store refuses writes")
  func closedRefuses() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = SQLiteEscalationStore(database: try SQLiteDatabase(directory: directory.url))
    await store.close()
    await #expect(throws: StoreError.closed) { try await store.record(escalation("m", id: nil)) }
  }
}

@Suite("SQLite checkpoints")
struct SQLiteCheckpointTests {
  @Test("checkpoints beside the writer keep the WAL bounded while every row stays readable")
  func walStaysBounded() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let database = try SQLiteDatabase(directory: directory.url, walRestartPages: 64)
    let store = SQLiteEscalationStore(database: database)
    let wal = directory.url.appendingPathComponent(SQLiteDatabase.fileName + "-wal")
    var largest = 0
    for round in 0..<6 {
      let records = (0..<100).map { index in
        StoredEscalation(
          deviceID: "m", escalationID: "\(round)-\(index)",
          receivedAt: WireTimestamp(millisecondsSince1970: 0),
          features: [Float](repeating: Float(index), count: 300), edgeMSE: 0.1, edgeModelVersion: nil,
          cloudMSE: 0.2,
          classification: 0, confidence: 0.9, cloudModel: "cloud-1")
      }
      _ = try await store.record(contentsOf: records)
      let pages = try await database.checkpoint()
      #expect(pages > 0)
      let size = (try FileManager.default.attributesOfItem(atPath: wal.path)[.size] as? Int) ?? 0
      largest = max(largest, size)
    }
    // 600 rows of 1.2 KB would need a WAL of about 1 MB without restarts; with them it stays near 64 pages.
    #expect(largest < 600 * 1_200)
    #expect(try await store.escalationCount() == 600)
    await store.close()
  }
}
