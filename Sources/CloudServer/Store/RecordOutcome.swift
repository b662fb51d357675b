/// What `EscalationStore.record` did.
public enum RecordOutcome: Sendable, Equatable {
  /// Stored now; the record carries its new id.
  case inserted(StoredEscalation)
  /// The same device and escalation id were stored before; this is that earlier record.
  case duplicate(StoredEscalation)

  /// The stored record, whichever case.
  public var record: StoredEscalation {
    switch self {
    case .inserted(let record), .duplicate(let record): record
    }
  }

  /// True when nothing new was stored.
  public var isDuplicate: Bool {
    if case .duplicate = self { return true }
    return false
  }
}
