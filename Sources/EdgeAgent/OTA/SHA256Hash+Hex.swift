import EdgeCore

extension SHA256Hash {
  /// A digest from 64 hex digits (either case), or nil.
  public init?(hex: String) {
    let digits = Array(hex.utf8)
    guard digits.count == 2 * SHA256Hash.byteCount else { return nil }
    var bytes = [UInt8](repeating: 0, count: SHA256Hash.byteCount)
    for i in 0..<SHA256Hash.byteCount {
      guard let high = Self.nibble(digits[2 * i]), let low = Self.nibble(digits[2 * i + 1]) else {
        return nil
      }
      bytes[i] = high << 4 | low
    }
    self.init(bytes)
  }

  /// Lower-case hex of the digest.
  public var hex: String {
    array.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
      .joined()
  }

  private static func nibble(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
