import EdgeCore
import Testing

@Suite struct CRC32Tests {
  /// The CRC by its definition: one bit at a time with the reflected polynomial.
  private func bitwiseCRC(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ CRC32.polynomial : crc >> 1 }
    }
    return ~crc
  }

  @Test func givesTheStandardCheckValueFor123456789() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
  }

  @Test func givesZeroForNoBytesAndZlibsValueForTheQuickBrownFox() {
    #expect(CRC32.checksum([]) == 0)
    #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
  }

  @Test func matchesTheBitwiseDefinitionOnRandomBytes() {
    var generator = SplitMix64(seed: 32)
    for length in [1, 2, 3, 15, 16, 17, 255, 1000] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      #expect(CRC32.checksum(bytes) == bitwiseCRC(bytes), "length \(length)")
    }
  }

  @Test func givesTheSameValueFedInPiecesAsInOneCall() {
    var generator = SplitMix64(seed: 5)
    let bytes = (0..<97).map { _ in UInt8.random(in: 0...255, using: &generator) }
    for split in 0...bytes.count {
      var crc = CRC32()
      crc.update(Array(bytes[..<split]))
      crc.update(Array(bytes[split...]))
      #expect(crc.value == CRC32.checksum(bytes), "split at \(split)")
    }
  }
}
