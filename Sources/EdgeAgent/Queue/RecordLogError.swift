/// Why a record log cannot be used.
public enum RecordLogError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be read or written.
  case file(FileIOError)
  /// The file starts with another magic: it is not this kind of log; move it away.
  case foreignFile(path: String)
  /// The file is of a format version this software cannot read: update the device software.
  case unsupportedVersion(path: String)

  /// A sentence for the log.
  public var description: String {
    switch self {
    case .file(let error): "\(error)"
    case .foreignFile(let path): "\(path) is not a record log of the expected kind; move it away"
    case .unsupportedVersion(let path): "\(path) has a record log format this software cannot read"
    }
  }
}
