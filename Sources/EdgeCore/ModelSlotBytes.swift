/// Writes fixed-width little-endian fields one after another into a buffer sized for them in advance.
struct LittleEndianWriter {
  private let buffer: UnsafeMutableRawBufferPointer
  private var offset = 0

  init(_ buffer: UnsafeMutableRawBufferPointer) {
    self.buffer = buffer
  }

  mutating func put8(_ value: UInt8) {
    buffer[offset] = value
    offset += 1
  }

  mutating func put16(_ value: UInt16) { put(UInt64(value), width: 2) }

  mutating func put32(_ value: UInt32) { put(UInt64(value), width: 4) }

  mutating func put64(_ value: UInt64) { put(value, width: 8) }

  private mutating func put(_ value: UInt64, width: Int) {
    for i in 0..<width { put8(UInt8(truncatingIfNeeded: value >> UInt64(8 * i))) }
  }
}

/// Reads fixed-width little-endian fields one after another from a buffer whose length was checked first.
struct LittleEndianReader {
  private let buffer: UnsafeRawBufferPointer
  private var offset = 0

  init(_ buffer: UnsafeRawBufferPointer) {
    self.buffer = buffer
  }

  mutating func get8() -> UInt8 {
    let value = buffer[offset]
    offset += 1
    return value
  }

  mutating func get16() -> UInt16 { UInt16(get(width: 2)) }

  mutating func get32() -> UInt32 { UInt32(get(width: 4)) }

  mutating func get64() -> UInt64 { get(width: 8) }

  private mutating func get(width: Int) -> UInt64 {
    var value: UInt64 = 0
    for i in 0..<width { value |= UInt64(get8()) << UInt64(8 * i) }
    return value
  }
}
