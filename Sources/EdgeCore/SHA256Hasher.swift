/// SHA-256 (FIPS 180-4), computed incrementally without allocating: the device checks a model slot's payload
/// against the digest its header (and the signed manifest) names.
public struct SHA256Hasher: Sendable {
  /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 §4.2.2).
  private static let roundConstants: InlineArray<64, UInt32> = [
    0x428A_2F98, 0x7137_4491, 0xB5C0_FBCF, 0xE9B5_DBA5, 0x3956_C25B, 0x59F1_11F1, 0x923F_82A4, 0xAB1C_5ED5,
    0xD807_AA98, 0x1283_5B01, 0x2431_85BE, 0x550C_7DC3, 0x72BE_5D74, 0x80DE_B1FE, 0x9BDC_06A7, 0xC19B_F174,
    0xE49B_69C1, 0xEFBE_4786, 0x0FC1_9DC6, 0x240C_A1CC, 0x2DE9_2C6F, 0x4A74_84AA, 0x5CB0_A9DC, 0x76F9_88DA,
    0x983E_5152, 0xA831_C66D, 0xB003_27C8, 0xBF59_7FC7, 0xC6E0_0BF3, 0xD5A7_9147, 0x06CA_6351, 0x1429_2967,
    0x27B7_0A85, 0x2E1B_2138, 0x4D2C_6DFC, 0x5338_0D13, 0x650A_7354, 0x766A_0ABB, 0x81C2_C92E, 0x9272_2C85,
    0xA2BF_E8A1, 0xA81A_664B, 0xC24B_8B70, 0xC76C_51A3, 0xD192_E819, 0xD699_0624, 0xF40E_3585, 0x106A_A070,
    0x19A4_C116, 0x1E37_6C08, 0x2748_774C, 0x34B0_BCB5, 0x391C_0CB3, 0x4ED8_AA4A, 0x5B9C_CA4F, 0x682E_6FF3,
    0x748F_82EE, 0x78A5_636F, 0x84C8_7814, 0x8CC7_0208, 0x90BE_FFFA, 0xA450_6CEB, 0xBEF9_A3F7, 0xC671_78F2,
  ]
  /// The initial hash value: fractional parts of the square roots of the first 8 primes (§5.3.3).
  private static let initialState: InlineArray<8, UInt32> = [
    0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A, 0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19,
  ]

  /// The eight working hash words.
  private var state: InlineArray<8, UInt32> = SHA256Hasher.initialState
  /// Bytes of the current, not yet full, 64-byte block.
  private var block: InlineArray<64, UInt8> = InlineArray(repeating: 0)
  /// How many bytes of `block` are filled.
  private var blockFill = 0
  /// Message length so far in bytes.
  private var length: UInt64 = 0

  /// A hash of no bytes yet.
  public init() {}

  /// Feeds `bytes` into the hash.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    length &+= UInt64(bytes.count)
    for byte in bytes {
      block[blockFill] = byte
      blockFill += 1
      if blockFill == 64 {
        compressBlock()
        blockFill = 0
      }
    }
  }

  /// Feeds the bytes of `array` into the hash.
  public mutating func update(_ array: [UInt8]) {
    array.withUnsafeBytes { update($0) }
  }

  /// Pads the message (a one bit, zeros, the 64-bit bit length) and returns its digest; the hasher is spent.
  public consuming func finalize() -> SHA256Hash {
    let bitLength = length &* 8
    block[blockFill] = 0x80
    blockFill += 1
    if blockFill > 56 {
      while blockFill < 64 {
        block[blockFill] = 0
        blockFill += 1
      }
      compressBlock()
      blockFill = 0
    }
    while blockFill < 56 {
      block[blockFill] = 0
      blockFill += 1
    }
    for i in 0..<8 {
      block[56 + i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(56 - 8 * i))
    }
    compressBlock()
    var digest = SHA256Hash()
    for word in 0..<8 {
      for byte in 0..<4 {
        digest.bytes[4 * word + byte] = UInt8(truncatingIfNeeded: state[word] >> UInt32(24 - 8 * byte))
      }
    }
    return digest
  }

  /// The SHA-256 of `bytes` in one call.
  public static func hash(_ bytes: UnsafeRawBufferPointer) -> SHA256Hash {
    var hasher = SHA256Hasher()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The SHA-256 of `array` in one call.
  public static func hash(_ array: [UInt8]) -> SHA256Hash {
    array.withUnsafeBytes { hash($0) }
  }

  /// Processes the full `block` (FIPS 180-4 §6.2.2) with a 16-word rolling message schedule.
  private mutating func compressBlock() {
    var schedule = InlineArray<16, UInt32>(repeating: 0)
    for i in 0..<16 {
      schedule[i] =
        UInt32(block[4 * i]) << 24 | UInt32(block[4 * i + 1]) << 16 | UInt32(block[4 * i + 2]) << 8
        | UInt32(block[4 * i + 3])
    }
    var a = state[0]
    var b = state[1]
    var c = state[2]
    var d = state[3]
    var e = state[4]
    var f = state[5]
    var g = state[6]
    var h = state[7]
    for t in 0..<64 {
      let word: UInt32
      if t < 16 {
        word = schedule[t]
      } else {
        let w15 = schedule[(t - 15) & 15]
        let w2 = schedule[(t - 2) & 15]
        let sigma0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >> 3)
        let sigma1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >> 10)
        word = schedule[t & 15] &+ sigma0 &+ schedule[(t - 7) & 15] &+ sigma1
        schedule[t & 15] = word
      }
      let bigSigma1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
      let choose = (e & f) ^ (~e & g)
      let t1 = h &+ bigSigma1 &+ choose &+ SHA256Hasher.roundConstants[t] &+ word
      let bigSigma0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
      let majority = (a & b) ^ (a & c) ^ (b & c)
      let t2 = bigSigma0 &+ majority
      h = g
      g = f
      f = e
      e = d &+ t1
      d = c
      c = b
      b = a
      a = t1 &+ t2
    }
    state[0] &+= a
    state[1] &+= b
    state[2] &+= c
    state[3] &+= d
    state[4] &+= e
    state[5] &+= f
    state[6] &+= g
    state[7] &+= h
  }

  private func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x >> n) | (x << (32 - n))
  }
}
