/// The IEEE 802.3 CRC-32 (reflected polynomial 0xEDB88320, the zlib/PNG/Ethernet checksum), computed
/// incrementally: it catches a cut-off or bit-flipped model slot or queue record before anything trusts it.
///
/// A 16-entry nibble table (64 bytes) keeps the firmware small; two lookups a byte are ample for a 16 KB model.
public struct CRC32: Sendable {
  /// The reflected generator polynomial.
  public static let polynomial: UInt32 = 0xEDB8_8320
  /// CRC of each 4-bit value, so a byte costs two table steps.
  private static let nibbleTable: InlineArray<16, UInt32> = [
    0x0000_0000, 0x1DB7_1064, 0x3B6E_20C8, 0x26D9_30AC, 0x76DC_4190, 0x6B6B_51F4, 0x4DB2_6158, 0x5005_713C,
    0xEDB8_8320, 0xF00F_9344, 0xD6D6_A3E8, 0xCB61_B38C, 0x9B64_C2B0, 0x86D3_D2D4, 0xA00A_E278, 0xBDBD_F21C,
  ]
  /// The running register (pre- and post-conditioned with all ones).
  private var register: UInt32 = 0xFFFF_FFFF

  /// A checksum of no bytes yet.
  public init() {}

  /// Feeds `bytes` into the checksum.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    var crc = register
    for byte in bytes {
      crc ^= UInt32(byte)
      crc = (crc >> 4) ^ CRC32.nibbleTable[Int(crc & 0xF)]
      crc = (crc >> 4) ^ CRC32.nibbleTable[Int(crc & 0xF)]
    }
    register = crc
  }

  /// Feeds the bytes of `array` into the checksum.
  public mutating func update(_ array: [UInt8]) {
    array.withUnsafeBytes { update($0) }
  }

  /// The CRC-32 of everything fed so far (feeding may continue).
  public var value: UInt32 { register ^ 0xFFFF_FFFF }

  /// The CRC-32 of `bytes` in one call.
  public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32()
    crc.update(bytes)
    return crc.value
  }

  /// The CRC-32 of `array` in one call.
  public static func checksum(_ array: [UInt8]) -> UInt32 {
    array.withUnsafeBytes { checksum($0) }
  }
}
