/// Why a device could not start.
public enum DeviceStartError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The data directory or a file in it could not be used.
  case file(FileIOError)
  /// The escalation queue file could not be opened.
  case queue(EscalationQueueError)
  /// The model slots could not be booted.
  case slots(ModelSlotStoreError)
  /// The pinned server key is unusable.
  case key(OTARejection)

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .file(let error): "device data directory: \(error)"
    case .queue(let error): "escalation queue: \(error)"
    case .slots(let error): "model slots: \(error)"
    case .key(let error): "pinned server key: \(error); delete server-key.bin in the data directory to re-pin"
    }
  }
}
