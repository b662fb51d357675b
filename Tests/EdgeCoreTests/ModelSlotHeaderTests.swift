import EdgeCore
import Testing

@Suite struct ModelSlotHeaderTests {
  private func payload(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }

  @Test func imageRoundTripsAndNamesItsVersionAndDigests() throws {
    let bytes = payload(1_234)
    let image = ModelSlotImage.encode(modelVersion: 7, payload: bytes)
    #expect(image.count == ModelSlotHeader.byteCount + bytes.count)
    let header = try ModelSlotImage.validate(image)
    #expect(header.modelVersion == 7)
    #expect(header.payloadSize == 1_234)
    #expect(header.payloadCRC32 == CRC32.checksum(bytes))
    #expect(header.payloadSHA256 == SHA256Hasher.hash(bytes))
    #expect(Array(image[ModelSlotHeader.byteCount...]) == bytes)
  }

  @Test func headerBytesFollowTheDocumentedLittleEndianLayout() {
    let bytes = payload(300)
    let image = ModelSlotImage.encode(modelVersion: 0x0102_0304, payload: bytes)
    #expect(Array(image[0..<4]) == Array("EHM1".utf8))
    #expect(Array(image[4..<6]) == [1, 0])
    #expect(Array(image[6..<8]) == [56, 0])
    #expect(Array(image[8..<12]) == [4, 3, 2, 1])
    #expect(Array(image[12..<16]) == [0x2C, 0x01, 0, 0])
    let crc = CRC32.checksum(bytes)
    #expect(Array(image[16..<20]) == (0..<4).map { UInt8(truncatingIfNeeded: crc >> UInt32(8 * $0)) })
    #expect(Array(image[20..<52]) == SHA256Hasher.hash(bytes).array)
    let headerCRC = CRC32.checksum(Array(image[0..<52]))
    #expect(Array(image[52..<56]) == (0..<4).map { UInt8(truncatingIfNeeded: headerCRC >> UInt32(8 * $0)) })
  }

  @Test func emptyPayloadIsAValidImage() throws {
    let header = try ModelSlotImage.validate(ModelSlotImage.encode(modelVersion: 1, payload: []))
    #expect(header.payloadSize == 0)
  }

  @Test func imageCutOffAtAnyLengthIsRefusedAsTruncated() {
    let image = ModelSlotImage.encode(modelVersion: 3, payload: payload(200))
    for length in 0..<image.count {
      let cut = Array(image[..<length])
      if length < ModelSlotHeader.byteCount {
        #expect(throws: ModelSlotError.truncatedHeader(available: length)) {
          try ModelSlotImage.validate(cut)
        }
      } else {
        #expect(throws: ModelSlotError.truncatedPayload(declared: 200, available: length - 56)) {
          try ModelSlotImage.validate(cut)
        }
      }
    }
  }

  @Test func anySingleFlippedBitIsRefused() {
    let image = ModelSlotImage.encode(modelVersion: 3, payload: payload(100))
    for index in image.indices {
      for bit in 0..<8 {
        var damaged = image
        damaged[index] ^= 1 << bit
        #expect(throws: ModelSlotError.self, "byte \(index) bit \(bit)") {
          try ModelSlotImage.validate(damaged)
        }
      }
    }
  }

  @Test func eachDamageIsNamed() throws {
    let image = ModelSlotImage.encode(modelVersion: 3, payload: payload(100))
    var magic = image
    magic[0] = UInt8(ascii: "X")
    #expect(throws: ModelSlotError.badMagic) { try ModelSlotImage.validate(magic) }
    var version = image
    version[4] = 2
    #expect(throws: ModelSlotError.unsupportedHeaderVersion(2)) { try ModelSlotImage.validate(version) }
    var length = image
    length[6] = 60
    #expect(throws: ModelSlotError.headerSizeMismatch(declared: 60, expected: 56)) {
      try ModelSlotImage.validate(length)
    }
    var modelVersion = image
    modelVersion[8] = 9
    #expect(throws: ModelSlotError.self) { try ModelSlotImage.validate(modelVersion) }
    do {
      _ = try ModelSlotImage.validate(modelVersion)
    } catch {
      guard case .headerCRCMismatch = error else {
        Issue.record("a damaged model version should fail the header CRC, got \(error)")
        return
      }
    }
    var longer = image
    longer.append(0)
    #expect(throws: ModelSlotError.sizeMismatch(declared: 100, actual: 101)) {
      try ModelSlotImage.validate(longer)
    }
    var body = image
    body[80] ^= 0xFF
    let stored = CRC32.checksum(Array(image[56...]))
    let computed = CRC32.checksum(Array(body[56...]))
    #expect(throws: ModelSlotError.crcMismatch(stored: stored, computed: computed)) {
      try ModelSlotImage.validate(body)
    }
  }

  @Test func payloadWithAForgedHeaderCRCStillFailsTheSHA() throws {
    let original = payload(64)
    var forged = original
    forged.append(contentsOf: [0, 0, 0, 0])
    let image = ModelSlotImage.encode(modelVersion: 4, payload: original)
    var header = try image.withUnsafeBytes { try ModelSlotHeader.parse($0) }
    header.payloadSize = UInt32(forged.count)
    header.payloadCRC32 = CRC32.checksum(forged)
    var forgedImage = [UInt8](repeating: 0, count: ModelSlotHeader.byteCount)
    forgedImage.withUnsafeMutableBytes { header.encode(into: $0) }
    forgedImage.append(contentsOf: forged)
    #expect(throws: ModelSlotError.shaMismatch) { try ModelSlotImage.validate(forgedImage) }
  }
}
