#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file operation that failed, with the path and the system's reason, so the log says what to fix.
public struct FileIOError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What was being done ("open", "write", "fsync", "rename", …).
  public let operation: String
  /// The file concerned.
  public let path: String
  /// The `errno` value.
  public let code: Int32

  /// An error for `operation` on `path` with the current `errno`.
  init(_ operation: String, path: String, code: Int32 = errno) {
    self.operation = operation
    self.path = path
    self.code = code
  }

  /// "<operation> <path> failed: <reason>".
  public var description: String {
    "\(operation) \(path) failed: \(String(cString: strerror(code))) (errno \(code)); check the path, its "
      + "permissions and free space"
  }
}
