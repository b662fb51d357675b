import EdgeCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An append-only file of records, each framed as `length (u32 LE) · CRC-32 of the body (u32 LE) · body`
/// after an 8-byte file header (`magic`, format version u16 LE, 0 u16); appends are fsynced before they
/// return, so an accepted record survives a crash or power cut.
///
/// Opening scans the file; the first record whose frame runs past the end or whose CRC fails marks a torn
/// write, and the file is cut back to the last good record.
final class RecordLog {
  /// Bodies longer than this are taken for a damaged length field.
  static let maximumBodyBytes = 1 << 24
  static let headerBytes = 8
  static let frameBytes = 8
  static let formatVersion: UInt16 = 1

  let path: String
  private let magic: [UInt8]
  private var fd: Int32
  /// Bytes in the file.
  private(set) var size: Int

  /// Opens or creates the log at `path`; returns it with the bodies of its intact records and how many
  /// bytes of torn tail were cut off.
  static func load(path: String, magic: [UInt8]) throws(RecordLogError) -> (
    RecordLog, [[UInt8]], tornBytes: Int
  ) {
    precondition(magic.count == 4, "a record log magic has 4 bytes")
    let existing: [UInt8]
    do { existing = try DurableFile.contents(of: path) ?? [] } catch { throw .file(error) }
    let header = fileHeader(magic)
    if existing.count >= headerBytes && Array(existing[0..<4]) != magic { throw .foreignFile(path: path) }
    if existing.count >= headerBytes && Array(existing[0..<headerBytes]) != header {
      throw .unsupportedVersion(path: path)
    }
    var bodies: [[UInt8]] = []
    var good = headerBytes
    if existing.count >= headerBytes {
      while let body = frame(in: existing, at: good) {
        bodies.append(body)
        good += frameBytes + body.count
      }
    }
    if existing.count < headerBytes {
      do { try DurableFile.replace(path, with: header) } catch { throw .file(error) }
      good = headerBytes
    }
    let log = try RecordLog(path: path, magic: magic)
    let torn = max(0, existing.count - good)
    if torn > 0 { try log.truncate(to: good) }
    return (log, bodies, torn)
  }

  private init(path: String, magic: [UInt8]) throws(RecordLogError) {
    self.path = path
    self.magic = magic
    fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard fd >= 0 else { throw .file(FileIOError("open", path: path)) }
    let end = lseek(fd, 0, SEEK_END)
    guard end >= 0 else { throw .file(FileIOError("lseek", path: path)) }
    size = Int(end)
  }

  deinit {
    close(fd)
  }

  /// Appends `bodies` in one write and fsyncs.
  func append(_ bodies: [[UInt8]]) throws(RecordLogError) {
    var bytes: [UInt8] = []
    for body in bodies { bytes.append(contentsOf: RecordLog.framed(body)) }
    do {
      try DurableFile.writeAll(fd, bytes, path: path)
    } catch {
      try? truncate(to: size)
      throw .file(error)
    }
    guard fsync(fd) == 0 else { throw .file(FileIOError("fsync", path: path)) }
    size += bytes.count
  }

  /// Replaces the whole log with `bodies` atomically (compaction) and keeps appending to the new file.
  func rewrite(_ bodies: [[UInt8]]) throws(RecordLogError) {
    var bytes = RecordLog.fileHeader(magic)
    for body in bodies { bytes.append(contentsOf: RecordLog.framed(body)) }
    do { try DurableFile.replace(path, with: bytes) } catch { throw .file(error) }
    let reopened = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard reopened >= 0 else { throw .file(FileIOError("open", path: path)) }
    close(fd)
    fd = reopened
    size = bytes.count
  }

  private func truncate(to length: Int) throws(RecordLogError) {
    guard ftruncate(fd, off_t(length)) == 0, fsync(fd) == 0 else {
      throw .file(FileIOError("truncate", path: path))
    }
    size = length
  }

  private static func fileHeader(_ magic: [UInt8]) -> [UInt8] {
    magic + [UInt8(truncatingIfNeeded: formatVersion), UInt8(truncatingIfNeeded: formatVersion >> 8), 0, 0]
  }

  private static func framed(_ body: [UInt8]) -> [UInt8] {
    precondition(body.count <= maximumBodyBytes, "record body too long")
    var bytes = ByteWriter()
    bytes.u32(UInt32(body.count))
    bytes.u32(CRC32.checksum(body))
    bytes.append(body)
    return bytes.bytes
  }

  /// The intact record body at `offset`, or nil at the end or at a torn or damaged frame.
  private static func frame(in file: [UInt8], at offset: Int) -> [UInt8]? {
    guard file.count - offset >= frameBytes else { return nil }
    var reader = ByteReader(file[offset..<offset + frameBytes])
    guard let length = reader.u32(), let crc = reader.u32() else { return nil }
    let count = Int(length)
    guard count <= maximumBodyBytes, file.count - offset - frameBytes >= count else { return nil }
    let body = Array(file[offset + frameBytes..<offset + frameBytes + count])
    return CRC32.checksum(body) == crc ? body : nil
  }
}
