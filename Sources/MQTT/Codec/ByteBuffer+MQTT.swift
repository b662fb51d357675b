import NIOCore

/// The variable-length "remaining length" of the fixed header: 7 bits a byte, at most 4 bytes.
enum MQTTRemainingLength {
  /// The largest value 4 bytes can hold (256 MiB - 1).
  static let maximum = 268_435_455

  /// The number of bytes `value` takes when encoded.
  static func byteCount(of value: Int) -> Int {
    switch value {
    case ..<128: 1
    case ..<16_384: 2
    case ..<2_097_152: 3
    default: 4
    }
  }

  /// The value and its encoded size starting at `index`, or nil when more bytes are needed.
  static func peek(in buffer: ByteBuffer, at index: Int) throws(MQTTDecodingError) -> (
    value: Int, byteCount: Int
  )? {
    var value = 0
    for position in 0..<4 {
      guard let byte = buffer.getInteger(at: index + position, as: UInt8.self) else { return nil }
      value |= Int(byte & 0x7F) << (7 * position)
      if byte & 0x80 == 0 { return (value, position + 1) }
    }
    throw .remainingLengthTooLong
  }
}

extension ByteBuffer {
  /// Writes `value` (at most `MQTTRemainingLength.maximum`, checked by the caller) as a remaining length.
  mutating func writeMQTTRemainingLength(_ value: Int) {
    var rest = value
    repeat {
      var byte = UInt8(rest & 0x7F)
      rest >>= 7
      if rest > 0 { byte |= 0x80 }
      writeInteger(byte)
    } while rest > 0
  }

  /// Writes a length-prefixed UTF-8 string (validated by the caller).
  mutating func writeMQTTString(_ string: String) {
    writeInteger(UInt16(string.utf8.count))
    writeString(string)
  }

  /// Writes length-prefixed binary data (at most 65535 bytes, checked by the caller).
  mutating func writeMQTTBinary(_ bytes: some Collection<UInt8>) {
    writeInteger(UInt16(bytes.count))
    writeBytes(bytes)
  }

  /// Reads a big-endian 16-bit integer of packet `type`.
  mutating func readMQTTUInt16(_ type: MQTTPacketType, field: String) throws(MQTTDecodingError) -> UInt16 {
    guard let value = readInteger(as: UInt16.self) else { throw .truncated(type, field: field) }
    return value
  }

  /// Reads one byte of packet `type`.
  mutating func readMQTTByte(_ type: MQTTPacketType, field: String) throws(MQTTDecodingError) -> UInt8 {
    guard let value = readInteger(as: UInt8.self) else { throw .truncated(type, field: field) }
    return value
  }

  /// Reads a non-zero packet identifier of packet `type`.
  mutating func readMQTTPacketID(_ type: MQTTPacketType) throws(MQTTDecodingError) -> UInt16 {
    let id = try readMQTTUInt16(type, field: "packet identifier")
    if id == 0 { throw .zeroPacketIdentifier(type) }
    return id
  }

  /// Reads length-prefixed binary data of packet `type`.
  mutating func readMQTTBinary(_ type: MQTTPacketType, field: String) throws(MQTTDecodingError) -> [UInt8] {
    let length = try readMQTTUInt16(type, field: field)
    guard let bytes = readBytes(length: Int(length)) else { throw .truncated(type, field: field) }
    return bytes
  }

  /// Reads a length-prefixed string that must be well-formed UTF-8 without U+0000.
  mutating func readMQTTString(_ type: MQTTPacketType, field: String) throws(MQTTDecodingError) -> String {
    let bytes = try readMQTTBinary(type, field: field)
    guard let string = String(validating: bytes, as: UTF8.self) else { throw .malformedUTF8(field: field) }
    if bytes.contains(0) { throw .nullCharacter(field: field) }
    return string
  }

  /// Reads a topic name of packet `type`, which must not contain wildcards.
  mutating func readMQTTTopicName(_ type: MQTTPacketType, field: String) throws(MQTTDecodingError) -> String {
    let topic = try readMQTTString(type, field: field)
    do {
      try MQTTTopicName.validate(topic)
    } catch {
      throw .invalidTopic(error)
    }
    return topic
  }

  /// Reads a topic filter of packet `type`, checking the wildcard rules.
  mutating func readMQTTTopicFilter(_ type: MQTTPacketType) throws(MQTTDecodingError) -> String {
    let filter = try readMQTTString(type, field: "topic filter")
    do {
      _ = try MQTTTopicFilter(filter)
    } catch {
      throw .invalidTopic(error)
    }
    return filter
  }
}
