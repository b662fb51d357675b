/// Appends little-endian fields to a byte array (the device's own binary records).
struct ByteWriter {
  private(set) var bytes: [UInt8] = []

  mutating func u8(_ value: UInt8) { bytes.append(value) }

  mutating func u16(_ value: UInt16) { little(UInt64(value), width: 2) }

  mutating func u32(_ value: UInt32) { little(UInt64(value), width: 4) }

  mutating func u64(_ value: UInt64) { little(value, width: 8) }

  mutating func f32(_ value: Float) { u32(value.bitPattern) }

  mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

  private mutating func little(_ value: UInt64, width: Int) {
    for i in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * i))) }
  }
}

/// Reads little-endian fields from bytes; every read returns nil once the bytes run out.
struct ByteReader {
  private let bytes: ArraySlice<UInt8>
  private var offset: Int

  init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
    offset = bytes.startIndex
  }

  init(_ bytes: [UInt8]) {
    self.init(bytes[...])
  }

  /// True when every byte was read.
  var isAtEnd: Bool { offset == bytes.endIndex }

  mutating func u8() -> UInt8? { little(width: 1).map { UInt8($0) } }

  mutating func u16() -> UInt16? { little(width: 2).map { UInt16($0) } }

  mutating func u32() -> UInt32? { little(width: 4).map { UInt32($0) } }

  mutating func u64() -> UInt64? { little(width: 8) }

  mutating func f32() -> Float? { u32().map { Float(bitPattern: $0) } }

  mutating func take(_ count: Int) -> [UInt8]? {
    guard count >= 0, bytes.endIndex - offset >= count else { return nil }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }

  private mutating func little(width: Int) -> UInt64? {
    guard let raw = take(width) else { return nil }
    var value: UInt64 = 0
    for (i, byte) in raw.enumerated() { value |= UInt64(byte) << UInt64(8 * i) }
    return value
  }
}
