import Foundation
import GRDB
import Testing
import Wire

@testable import CloudServer

@Suite("SQLite schema migrations")
struct SQLiteMigrationTests {
  private func escalation(_ device: String, id: String?, mse: Double) -> StoredEscalation {
    StoredEscalation(
      deviceID: device, escalationID: id, receivedAt: WireTimestamp(millisecondsSince1970: 1_700_000_000_000),
      features: (0..<300).map { Float($0) * 0.5 - 3 }, edgeMSE: 0.02, edgeModelVersion: 2, cloudMSE: mse,
      classification: 1, confidence: 0.9, cloudModel: "cloud-1")
  }

  /// Writes a database as the first schema version left it, holding rows with and without an escalation id.
  private func makeFirstVersionDatabase(in directory: URL) throws {
    let queue = try DatabaseQueue(path: directory.appendingPathComponent(SQLiteDatabase.fileName).path)
    try SQLiteDatabase.migrator.migrate(queue, upTo: "v1")
    try queue.write { db in
      for (escalationID, mse) in [("e-1", 0.5), (nil, 0.6), (nil, 0.7)] as [(String?, Double)] {
        try db.execute(
          sql: """
            INSERT INTO escalation (device_id, escalation_id, received_at_ms, features, edge_mse, cloud_mse,
              classification, confidence, cloud_model)
            VALUES ('motor-01', ?, 1, ?, 0.02, ?, 1, 0.9, 'cloud-1')
            """, arguments: [escalationID, FeatureBlob.encode([1, 2, 3]), mse])
      }
    }
    try queue.close()
  }

  /// Whether the idempotency index leaves rows without an escalation id out.
  private func idempotencyIndexIsPartial(_ database: SQLiteDatabase) async throws -> Bool {
    try await database.pool.read { db in
      let row = try Row.fetchOne(
        db, sql: "SELECT \"unique\", partial FROM pragma_index_list('escalation') WHERE name = ?",
        arguments: ["escalation_idempotency"])
      return row.map { ($0["unique"] as Int) == 1 && ($0["partial"] as Int) == 1 } ?? false
    }
  }

  @Test("a new database indexes only escalations that carry an id")
  func newDatabaseHasPartialIndex() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let database = try SQLiteDatabase(directory: directory.url)
    #expect(try await idempotencyIndexIsPartial(database))
    try database.close()
  }

  @Test("a first-version database migrates: its rows stay and a retry of a stored id is still a duplicate")
  func firstVersionDatabaseMigrates() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try makeFirstVersionDatabase(in: directory.url)
    let database = try SQLiteDatabase(directory: directory.url)
    #expect(try await idempotencyIndexIsPartial(database))
    let store = SQLiteEscalationStore(database: database)
    #expect(try await store.escalationCount() == 3)
    let retry = try await store.record(escalation("motor-01", id: "e-1", mse: 0.1))
    #expect(retry.isDuplicate)
    #expect(retry.record.id == 1)
    #expect(retry.record.cloudMSE == 0.5)
    #expect(try await store.record(escalation("motor-01", id: nil, mse: 0.6)).isDuplicate == false)
    #expect(try await store.record(escalation("motor-01", id: "e-2", mse: 0.1)).isDuplicate == false)
    #expect(try await store.escalationCount() == 5)
    await store.close()
    try database.close()
  }
}
