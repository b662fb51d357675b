/// The fixed header in front of the `.tflite` bytes in a model slot (the device's "model partition").
///
/// Layout, little-endian, 56 bytes:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | magic `"EHM1"` |
/// | 4 | 2 | header version (1) |
/// | 6 | 2 | header length in bytes (56), so tools know where the payload starts |
/// | 8 | 4 | model version |
/// | 12 | 4 | payload size in bytes |
/// | 16 | 4 | CRC-32 (IEEE) of the payload |
/// | 20 | 32 | SHA-256 of the payload |
/// | 52 | 4 | CRC-32 of bytes 0..<52, so a damaged version or size field is caught before it is believed |
///
/// The payload (the `.tflite` bytes) follows at offset 56 and the slot ends with it.
public struct ModelSlotHeader: Equatable, Sendable {
  /// `"EHM1"` as the little-endian word its four bytes spell.
  public static let magic: UInt32 = 0x314D_4845
  /// The header version this code writes and reads.
  public static let currentVersion: UInt16 = 1
  /// Header length of version 1.
  public static let byteCount = 56

  /// Version of the model in the payload.
  public var modelVersion: UInt32
  /// Length of the payload in bytes.
  public var payloadSize: UInt32
  /// CRC-32 of the payload.
  public var payloadCRC32: UInt32
  /// SHA-256 of the payload.
  public var payloadSHA256: SHA256Hash

  /// A header from known field values.
  public init(modelVersion: UInt32, payloadSize: UInt32, payloadCRC32: UInt32, payloadSHA256: SHA256Hash) {
    self.modelVersion = modelVersion
    self.payloadSize = payloadSize
    self.payloadCRC32 = payloadCRC32
    self.payloadSHA256 = payloadSHA256
  }

  /// The header that describes `payload` as model `modelVersion`.
  public init(modelVersion: UInt32, payload: UnsafeRawBufferPointer) {
    precondition(payload.count <= Int(UInt32.max), "a slot payload must fit a 32-bit size")
    self.init(
      modelVersion: modelVersion, payloadSize: UInt32(payload.count), payloadCRC32: CRC32.checksum(payload),
      payloadSHA256: SHA256Hasher.hash(payload))
  }

  /// Writes the 56 header bytes to the start of `destination` (which holds at least that many).
  public func encode(into destination: UnsafeMutableRawBufferPointer) {
    precondition(destination.count >= ModelSlotHeader.byteCount, "a slot header needs 56 bytes")
    var writer = LittleEndianWriter(destination)
    writer.put32(ModelSlotHeader.magic)
    writer.put16(ModelSlotHeader.currentVersion)
    writer.put16(UInt16(ModelSlotHeader.byteCount))
    writer.put32(modelVersion)
    writer.put32(payloadSize)
    writer.put32(payloadCRC32)
    for i in 0..<SHA256Hash.byteCount { writer.put8(payloadSHA256.bytes[i]) }
    let checked = UnsafeRawBufferPointer(rebasing: destination[0..<ModelSlotHeader.checkedByteCount])
    writer.put32(CRC32.checksum(checked))
  }

  /// Reads and checks a header (magic, versions, length, its own CRC) from the start of `bytes`; the payload
  /// is not looked at.
  public static func parse(_ bytes: UnsafeRawBufferPointer) throws(ModelSlotError) -> ModelSlotHeader {
    guard bytes.count >= byteCount else { throw .truncatedHeader(available: bytes.count) }
    var reader = LittleEndianReader(bytes)
    guard reader.get32() == magic else { throw .badMagic }
    let version = reader.get16()
    guard version == currentVersion else { throw .unsupportedHeaderVersion(version) }
    let declaredLength = Int(reader.get16())
    guard declaredLength == byteCount else {
      throw .headerSizeMismatch(declared: declaredLength, expected: byteCount)
    }
    let modelVersion = reader.get32()
    let payloadSize = reader.get32()
    let payloadCRC32 = reader.get32()
    var digest = SHA256Hash()
    for i in 0..<SHA256Hash.byteCount { digest.bytes[i] = reader.get8() }
    let stored = reader.get32()
    let computed = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<checkedByteCount]))
    guard stored == computed else { throw .headerCRCMismatch(stored: stored, computed: computed) }
    return ModelSlotHeader(
      modelVersion: modelVersion, payloadSize: payloadSize, payloadCRC32: payloadCRC32, payloadSHA256: digest)
  }

  /// Header bytes the header CRC covers.
  static let checkedByteCount = byteCount - 4
}
