extension ModelSlotState {
  /// `"EHS1"` as the little-endian word its four bytes spell.
  public static let magic: UInt32 = 0x3153_4845
  /// The record format version this code writes and reads.
  public static let formatVersion: UInt16 = 1
  /// Length of the record, 20 bytes, little-endian: magic (4), format version (2), status of slot A (1),
  /// status of slot B (1), manifest serial (8), CRC-32 of the 16 bytes before it (4).
  public static let byteCount = 20

  /// The record's 20 bytes.
  public func encode() -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: ModelSlotState.byteCount)
    bytes.withUnsafeMutableBytes { buffer in
      var writer = LittleEndianWriter(buffer)
      writer.put32(ModelSlotState.magic)
      writer.put16(ModelSlotState.formatVersion)
      writer.put8(statusA.rawValue)
      writer.put8(statusB.rawValue)
      writer.put64(manifestSerial)
      writer.put32(CRC32.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<ModelSlotState.byteCount - 4])))
    }
    return bytes
  }

  /// Reads a record written by `encode`, checking magic, version, CRC and statuses.
  public init(decoding bytes: UnsafeRawBufferPointer) throws(ModelSlotStateError) {
    guard bytes.count >= ModelSlotState.byteCount else { throw .truncated(available: bytes.count) }
    var reader = LittleEndianReader(bytes)
    guard reader.get32() == ModelSlotState.magic else { throw .badMagic }
    let version = reader.get16()
    guard version == ModelSlotState.formatVersion else { throw .unsupportedVersion(version) }
    let rawA = reader.get8()
    let rawB = reader.get8()
    let serial = reader.get64()
    let stored = reader.get32()
    let computed = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<ModelSlotState.byteCount - 4]))
    guard stored == computed else { throw .crcMismatch(stored: stored, computed: computed) }
    guard let a = ModelSlotStatus(rawValue: rawA) else { throw .unknownStatus(rawA) }
    guard let b = ModelSlotStatus(rawValue: rawB) else { throw .unknownStatus(rawB) }
    self.init(statusA: a, statusB: b, manifestSerial: serial)
  }

  /// Reads a record from `bytes` (see the buffer version).
  public init(decoding bytes: [UInt8]) throws(ModelSlotStateError) {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(ModelSlotStateError) in try ModelSlotState(decoding: buffer) }
    }
    self = try result.get()
  }
}
