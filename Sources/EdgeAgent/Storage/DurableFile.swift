#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads and crash-safe whole-file replacement: write a temporary sibling, fsync it, rename it
/// over the target, fsync the directory — so after a power cut the file is either the old or the new one.
public enum DurableFile {
  /// The file's bytes, or nil when it does not exist.
  public static func contents(of path: String) throws(FileIOError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      if errno == ENOENT { return nil }
      throw FileIOError("open", path: path)
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileIOError("read", path: path)
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Replaces `path` with `bytes` atomically and durably.
  public static func replace(_ path: String, with bytes: [UInt8]) throws(FileIOError) {
    let temporary = path + ".tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw FileIOError("open", path: temporary) }
    do throws(FileIOError) {
      try writeAll(fd, bytes, path: temporary)
      guard fsync(fd) == 0 else { throw FileIOError("fsync", path: temporary) }
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    close(fd)
    guard rename(temporary, path) == 0 else { throw FileIOError("rename", path: temporary) }
    try syncDirectory(of: path)
  }

  /// Writes every byte of `bytes` to `fd`, retrying short writes and interruptions.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileIOError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        write(fd, raw.baseAddress! + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw FileIOError("write", path: path)
      }
      offset += written
    }
  }

  /// Makes a rename or a new file in the directory of `path` durable.
  static func syncDirectory(of path: String) throws(FileIOError) {
    let directory = parentDirectory(of: path)
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw FileIOError("open", path: directory) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw FileIOError("fsync", path: directory) }
  }

  /// Creates `path` and missing parents as directories.
  public static func createDirectory(_ path: String) throws(FileIOError) {
    var partial = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      partial += "/" + component
      if mkdir(partial, 0o755) != 0 && errno != EEXIST { throw FileIOError("mkdir", path: partial) }
    }
  }

  /// The directory holding `path` ("." for a bare name).
  static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
