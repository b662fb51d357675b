/// Why the store refused or failed a request.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The store is shutting down and accepts no more writes.
  case closed
  /// The database file could not be opened or prepared.
  case cannotOpen(path: String, reason: String)
  /// A value read back from the database is malformed.
  case corruptRow(table: String, id: Int64, reason: String)

  /// What happened and what to do.
  public var description: String {
    switch self {
    case .closed: "the store is shutting down and accepts no more writes; retry against the restarted server"
    case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
    case .corruptRow(let table, let id, let reason): "row \(id) of table \(table) is malformed: \(reason)"
    }
  }
}
