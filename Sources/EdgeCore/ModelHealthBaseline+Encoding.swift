extension ModelHealthBaseline {
  /// `"EHB1"` as the little-endian word its four bytes spell.
  public static let magic: UInt32 = 0x3142_4845
  /// The record format version this code writes and reads.
  public static let formatVersion: UInt16 = 1
  /// Length of the record, 30 bytes, little-endian: magic (4), format version (2), model version (4),
  /// decisions (8), escalations (8), CRC-32 of the 26 bytes before it (4).
  public static let byteCount = 30

  /// The record's 30 bytes.
  public func encode() -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: ModelHealthBaseline.byteCount)
    bytes.withUnsafeMutableBytes { buffer in
      var writer = LittleEndianWriter(buffer)
      writer.put32(ModelHealthBaseline.magic)
      writer.put16(ModelHealthBaseline.formatVersion)
      writer.put32(modelVersion)
      writer.put64(decisions)
      writer.put64(escalations)
      writer.put32(
        CRC32.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<ModelHealthBaseline.byteCount - 4])))
    }
    return bytes
  }

  /// Reads a record written by `encode`, checking magic, version, CRC and that escalations fit the decisions.
  public init(decoding bytes: [UInt8]) throws(ModelHealthBaselineError) {
    guard bytes.count >= ModelHealthBaseline.byteCount else { throw .truncated(available: bytes.count) }
    let result = bytes.withUnsafeBytes { buffer -> Result<ModelHealthBaseline, ModelHealthBaselineError> in
      var reader = LittleEndianReader(buffer)
      guard reader.get32() == ModelHealthBaseline.magic else { return .failure(.badMagic) }
      let format = reader.get16()
      guard format == ModelHealthBaseline.formatVersion else { return .failure(.unsupportedVersion(format)) }
      let baseline = ModelHealthBaseline(
        modelVersion: reader.get32(), decisions: reader.get64(), escalations: reader.get64())
      let stored = reader.get32()
      let computed = CRC32.checksum(
        UnsafeRawBufferPointer(rebasing: buffer[0..<ModelHealthBaseline.byteCount - 4]))
      guard stored == computed else { return .failure(.crcMismatch(stored: stored, computed: computed)) }
      guard baseline.escalations <= baseline.decisions else {
        return .failure(
          .moreEscalationsThanDecisions(escalations: baseline.escalations, decisions: baseline.decisions))
      }
      return .success(baseline)
    }
    self = try result.get()
  }
}
