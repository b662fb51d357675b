import GRDB

/// Inserts escalation rows inside one write transaction, binding each value straight to SQLite.
///
/// GRDB's `StatementArguments` boxed the twelve values of a row, validated them and nested a closure per
/// binding, which cost more CPU than SQLite's own insert; each value here binds through GRDB's public
/// `bind(to:at:)` on the prepared statement instead.
struct EscalationInsert {
  private let db: Database
  private let statement: Statement

  /// The insert for the transaction running on `db` (its statement looked up once, not once a row).
  init(_ db: Database) throws {
    self.db = db
    statement = try db.cachedStatement(
      sql: """
        INSERT INTO escalation (device_id, escalation_id, received_at_ms, features, edge_mse, edge_model_version,
          cloud_mse, classification, confidence, cloud_model, operator_label, consumed_by_version)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (device_id, escalation_id) WHERE escalation_id IS NOT NULL DO NOTHING
        """)
  }

  /// Stores `record` and returns its new id; nil when its device already stored its escalation id.
  func callAsFunction(_ record: StoredEscalation) throws -> Int64? {
    // Resets the statement and clears its bindings; the values are then bound by position below.
    statement.setUncheckedArguments([])
    let sqliteStatement = statement.sqliteStatement
    var failure = ResultCode.SQLITE_OK
    func bind(_ value: some StatementBinding, at index: CInt) {
      let code = ResultCode(rawValue: value.bind(to: sqliteStatement, at: index))
      if failure == .SQLITE_OK { failure = code }
    }
    bind(record.deviceID, at: 1)
    bind(record.escalationID, at: 2)
    bind(record.receivedAt.millisecondsSince1970, at: 3)
    bind(FeatureBlob.encode(record.features), at: 4)
    bind(record.edgeMSE, at: 5)
    bind(record.edgeModelVersion, at: 6)
    bind(record.cloudMSE, at: 7)
    bind(record.classification, at: 8)
    bind(record.confidence, at: 9)
    bind(record.cloudModel, at: 10)
    bind(record.operatorLabel, at: 11)
    bind(record.consumedByVersion, at: 12)
    guard failure == .SQLITE_OK else {
      throw DatabaseError(resultCode: failure, message: "cannot bind an escalation", sql: statement.sql)
    }
    try statement.execute()
    return db.changesCount > 0 ? db.lastInsertedRowID : nil
  }
}
