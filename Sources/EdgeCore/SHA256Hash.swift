/// A 32-byte SHA-256 digest, stored inline (no allocation), compared byte for byte.
public struct SHA256Hash: Equatable, Sendable {
  /// Digest length in bytes.
  public static let byteCount = 32
  /// The digest bytes, most significant first (the order hex strings print).
  public var bytes: InlineArray<32, UInt8>

  /// The all-zero digest (a placeholder, not the hash of anything).
  public init() {
    bytes = InlineArray(repeating: 0)
  }

  /// A digest from exactly 32 bytes, or nil for any other count.
  public init?(_ source: UnsafeRawBufferPointer) {
    guard source.count == SHA256Hash.byteCount else { return nil }
    bytes = InlineArray(repeating: 0)
    for i in 0..<SHA256Hash.byteCount { bytes[i] = source[i] }
  }

  /// A digest from exactly 32 bytes, or nil for any other count.
  public init?(_ array: [UInt8]) {
    guard let digest = array.withUnsafeBytes({ SHA256Hash($0) }) else { return nil }
    self = digest
  }

  /// The digest as an array (for callers that print or compare it with other libraries).
  public var array: [UInt8] {
    var result = [UInt8](repeating: 0, count: SHA256Hash.byteCount)
    for i in 0..<SHA256Hash.byteCount { result[i] = bytes[i] }
    return result
  }

  /// Byte-for-byte equality.
  public static func == (lhs: SHA256Hash, rhs: SHA256Hash) -> Bool {
    var difference: UInt8 = 0
    for i in 0..<SHA256Hash.byteCount { difference |= lhs.bytes[i] ^ rhs.bytes[i] }
    return difference == 0
  }
}
