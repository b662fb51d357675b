import GRDB
import Wire

/// `DeviceStore` in the server's SQLite file.
public struct SQLiteDeviceStore: DeviceStore {
  private let database: SQLiteDatabase

  /// Devices kept in `database`.
  public init(database: SQLiteDatabase) {
    self.database = database
  }

  public func addDevice(_ device: DeviceRecord) async throws {
    try await database.pool.write { db in
      let active = try Bool.fetchOne(
        db, sql: "SELECT revoked_ms IS NULL FROM device WHERE device_id = ?", arguments: [device.deviceID])
      if active == true { throw DeviceError.alreadyRegistered(device.deviceID) }
      try db.execute(
        sql:
          "INSERT OR REPLACE INTO device (device_id, token_hash, created_ms, revoked_ms) VALUES (?, ?, ?, ?)",
        arguments: [
          device.deviceID, device.tokenHash, device.created.millisecondsSince1970,
          device.revokedAt?.millisecondsSince1970,
        ])
      try db.bumpGeneration()
    }
  }

  public func devices() async throws -> [DeviceRecord] {
    try await database.pool.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM device ORDER BY device_id").map { row in
        let revoked: Int64? = row["revoked_ms"]
        return DeviceRecord(
          deviceID: row["device_id"], tokenHash: row["token_hash"],
          created: WireTimestamp(millisecondsSince1970: row["created_ms"]),
          revokedAt: revoked.map(WireTimestamp.init(millisecondsSince1970:)))
      }
    }
  }

  public func revokeDevice(_ deviceID: String, at time: WireTimestamp) async throws -> Bool {
    try await database.pool.write { db in
      try db.execute(
        sql: "UPDATE device SET revoked_ms = ? WHERE device_id = ? AND revoked_ms IS NULL",
        arguments: [time.millisecondsSince1970, deviceID])
      let changed = db.changesCount > 0
      if changed { try db.bumpGeneration() }
      return changed
    }
  }
}
