/// Why the escalation queue failed.
public enum EscalationQueueError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be used.
  case log(RecordLogError)
  /// An intact record (its CRC passes) is not one this software writes: the file is from another version.
  case undecodableRecord(path: String, index: Int)

  /// A sentence for the log.
  public var description: String {
    switch self {
    case .log(let error): "\(error)"
    case .undecodableRecord(let path, let index):
      "record \(index) of \(path) is intact but not an escalation record; the file is from another software version"
    }
  }
}
