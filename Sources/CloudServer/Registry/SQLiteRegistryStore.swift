import Foundation
import GRDB
import Wire

/// `ModelRegistryStore` in the server's SQLite file.
public struct SQLiteRegistryStore: ModelRegistryStore {
  private let database: SQLiteDatabase

  /// A registry kept in `database`.
  public init(database: SQLiteDatabase) {
    self.database = database
  }

  public func loadRegistry() async throws -> RegistrySnapshot {
    try await database.pool.read { db in try Self.load(db) }
  }

  public func updateRegistry<Result: Sendable>(_ change: @Sendable (inout RegistrySnapshot) throws -> Result)
    async throws -> Result
  {
    try await database.pool.write { db in
      let before = try Self.load(db)
      var after = before
      let result = try change(&after)
      try Self.save(after, over: before, in: db)
      try db.bumpGeneration()
      return result
    }
  }

  public func generation() async throws -> Int {
    try await database.pool.read { db in
      try Int.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'generation'") ?? 0
    }
  }

  private static let decoder = JSONDecoder()

  private static func encode(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(text.utf8))
  }

  private static func load(_ db: Database) throws -> RegistrySnapshot {
    let edge = try Row.fetchAll(db, sql: "SELECT * FROM edge_model ORDER BY version").map { row in
      EdgeModelRecord(
        version: row["version"], sha256: row["sha256"], sizeBytes: row["size_bytes"],
        thresholds: try decode(ThresholdsResponse.self, row["thresholds"]),
        selfTest: try decode([SelfTestCase].self, row["self_test"]),
        selfTestTolerance: row["self_test_tolerance"],
        trainingStats: row["training_stats"],
        created: WireTimestamp(millisecondsSince1970: row["created_ms"]),
        state: try state(row["state"]), reason: row["reason"],
        stateChanged: WireTimestamp(millisecondsSince1970: row["state_changed_ms"]))
    }
    let cloud = try Row.fetchAll(db, sql: "SELECT * FROM cloud_model ORDER BY version").map { row in
      CloudModelRecord(
        card: try decode(CloudModelCard.self, row["card"]),
        created: WireTimestamp(millisecondsSince1970: row["created_ms"]), state: try state(row["state"]))
    }
    let manifests = try Row.fetchAll(db, sql: "SELECT * FROM manifest ORDER BY serial").map { row in
      ManifestRecord(
        serial: row["serial"], version: row["version"],
        envelope: try decode(SignedManifest.self, row["envelope"]))
    }
    let events = try Row.fetchAll(db, sql: "SELECT * FROM registry_event ORDER BY id").map { row in
      let from: String? = row["from_state"]
      return RegistryEvent(
        ts: WireTimestamp(millisecondsSince1970: row["ts_ms"]),
        model: RegistryEvent.Model(rawValue: row["model"]) ?? .edge, version: row["version"],
        from: try from.map(state), to: try state(row["to_state"]), reason: row["reason"])
    }
    let fraction =
      try Double.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'canary_fraction'") ?? 0.1
    return RegistrySnapshot(
      edgeModels: edge, cloudModels: cloud, manifests: manifests, events: events, canaryFraction: fraction)
  }

  private static func state(_ text: String) throws -> ModelState {
    guard let state = ModelState(rawValue: text) else {
      throw StoreError.corruptRow(table: "registry", id: 0, reason: "unknown model state \"\(text)\"")
    }
    return state
  }

  private static func save(_ after: RegistrySnapshot, over before: RegistrySnapshot, in db: Database) throws {
    for model in after.edgeModels where !before.edgeModels.contains(model) {
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO edge_model (version, sha256, size_bytes, thresholds, self_test, self_test_tolerance,
            training_stats, created_ms, state, reason, state_changed_ms)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          model.version, model.sha256, model.sizeBytes, try encode(model.thresholds),
          try encode(model.selfTest),
          model.selfTestTolerance, model.trainingStats, model.created.millisecondsSince1970,
          model.state.rawValue,
          model.reason, model.stateChanged.millisecondsSince1970,
        ])
    }
    for model in after.cloudModels where !before.cloudModels.contains(model) {
      try db.execute(
        sql: "INSERT OR REPLACE INTO cloud_model (version, card, created_ms, state) VALUES (?, ?, ?, ?)",
        arguments: [
          model.version, try encode(model.card), model.created.millisecondsSince1970, model.state.rawValue,
        ])
    }
    let lastSerial = before.manifests.last?.serial ?? 0
    for manifest in after.manifests where manifest.serial > lastSerial {
      try db.execute(
        sql: "INSERT INTO manifest (serial, version, envelope) VALUES (?, ?, ?)",
        arguments: [manifest.serial, manifest.version, try encode(manifest.envelope)])
    }
    for event in after.events.dropFirst(before.events.count) {
      try db.execute(
        sql:
          "INSERT INTO registry_event (ts_ms, model, version, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [
          event.ts.millisecondsSince1970, event.model.rawValue, event.version, event.from?.rawValue,
          event.to.rawValue,
          event.reason,
        ])
    }
    if after.canaryFraction != before.canaryFraction {
      try db.execute(
        sql: "UPDATE setting SET value = ? WHERE key = 'canary_fraction'", arguments: [after.canaryFraction])
    }
  }
}
