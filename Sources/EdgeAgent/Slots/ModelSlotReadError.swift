import EdgeCore

/// Why a slot file cannot be used.
public enum ModelSlotReadError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No file: the slot was never written.
  case missing
  /// The file does not validate (cut off, damaged, foreign).
  case invalid(ModelSlotError)

  /// A sentence for the log.
  public var description: String {
    switch self {
    case .missing: "no slot file (never written)"
    case .invalid(let error): "slot file refused: \(error)"
    }
  }
}
