/// A whole model slot — header then payload — built for writing, or checked before booting it.
public enum ModelSlotImage {
  /// The slot bytes (header + `payload`) that store `payload` as model `modelVersion`.
  public static func encode(modelVersion: UInt32, payload: [UInt8]) -> [UInt8] {
    var image = [UInt8](repeating: 0, count: ModelSlotHeader.byteCount + payload.count)
    payload.withUnsafeBytes { payload in
      image.withUnsafeMutableBytes { image in
        ModelSlotHeader(modelVersion: modelVersion, payload: payload).encode(into: image)
        UnsafeMutableRawBufferPointer(rebasing: image[ModelSlotHeader.byteCount...]).copyMemory(from: payload)
      }
    }
    return image
  }

  /// Checks every byte of a slot: the header, then the payload's length, CRC-32 and SHA-256. Returns the
  /// header; the payload is `image[ModelSlotHeader.byteCount...]`.
  public static func validate(_ image: UnsafeRawBufferPointer) throws(ModelSlotError) -> ModelSlotHeader {
    let header = try ModelSlotHeader.parse(image)
    let declared = Int(header.payloadSize)
    let available = image.count - ModelSlotHeader.byteCount
    guard available >= declared else { throw .truncatedPayload(declared: declared, available: available) }
    guard available == declared else { throw .sizeMismatch(declared: declared, actual: available) }
    let payload = UnsafeRawBufferPointer(rebasing: image[ModelSlotHeader.byteCount...])
    let crc = CRC32.checksum(payload)
    guard crc == header.payloadCRC32 else { throw .crcMismatch(stored: header.payloadCRC32, computed: crc) }
    guard SHA256Hasher.hash(payload) == header.payloadSHA256 else { throw .shaMismatch }
    return header
  }

  /// Checks the slot bytes in `image` (see the buffer version).
  public static func validate(_ image: [UInt8]) throws(ModelSlotError) -> ModelSlotHeader {
    let result = image.withUnsafeBytes { bytes in Result { () throws(ModelSlotError) in try validate(bytes) }
    }
    return try result.get()
  }
}
