import EdgeCore

/// Why a slot store operation failed.
public enum ModelSlotStoreError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A file could not be read or written.
  case file(FileIOError)
  /// The slot life cycle forbids the step.
  case state(ModelSlotStateError)
  /// The slot read back after writing does not validate: the storage is failing.
  case readBack(ModelSlotID, ModelSlotReadError)
  /// The slot read back validates but holds other bytes than were written.
  case readBackMismatch(ModelSlotID)

  /// A sentence for the log.
  public var description: String {
    switch self {
    case .file(let error): "\(error)"
    case .state(let error): "slot state refused the step: \(error)"
    case .readBack(let slot, let error): "slot \(slot) read back after writing is unusable: \(error)"
    case .readBackMismatch(let slot):
      "slot \(slot) read back after writing holds other bytes; storage is failing"
    }
  }
}
