import NIOCore
import Testing

@testable import MQTT

@Suite("Remaining length and strings")
struct ByteBufferMQTTTests {
  @Test(
    "remaining length uses 1 to 4 bytes and round-trips at every boundary",
    arguments: [
      (0, 1), (127, 1), (128, 2), (16_383, 2), (16_384, 3), (2_097_151, 3), (2_097_152, 4), (268_435_455, 4),
    ])
  func remainingLengthRoundTrips(value: Int, byteCount: Int) throws {
    var buffer = ByteBuffer()
    buffer.writeMQTTRemainingLength(value)
    #expect(buffer.readableBytes == byteCount)
    #expect(MQTTRemainingLength.byteCount(of: value) == byteCount)
    let decoded = try #require(try MQTTRemainingLength.peek(in: buffer, at: buffer.readerIndex))
    #expect(decoded.value == value)
    #expect(decoded.byteCount == byteCount)
  }

  @Test("remaining length of the specification's examples encodes to the specified bytes")
  func remainingLengthMatchesSpecificationBytes() {
    var buffer = ByteBuffer()
    buffer.writeMQTTRemainingLength(321)
    #expect(Array(buffer.readableBytesView) == [0xC1, 0x02])
    buffer.clear()
    buffer.writeMQTTRemainingLength(268_435_455)
    #expect(Array(buffer.readableBytesView) == [0xFF, 0xFF, 0xFF, 0x7F])
  }

  @Test("a fifth length byte is rejected, an unfinished length waits for more bytes")
  func remainingLengthLimits() throws {
    #expect(throws: MQTTDecodingError.remainingLengthTooLong) {
      try MQTTRemainingLength.peek(in: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0x01]), at: 0)
    }
    #expect(try MQTTRemainingLength.peek(in: ByteBuffer(bytes: [0xFF, 0xFF]), at: 0) == nil)
  }

  @Test("strings are length-prefixed UTF-8; malformed UTF-8 and U+0000 are rejected")
  func stringRules() throws {
    var buffer = ByteBuffer()
    buffer.writeMQTTString("zü")
    #expect(Array(buffer.readableBytesView) == [0x00, 0x03, 0x7A, 0xC3, 0xBC])
    #expect(try buffer.readMQTTString(.publish, field: "topic name") == "zü")

    var malformed = ByteBuffer(bytes: [0x00, 0x02, 0xC3, 0x28])
    #expect(throws: MQTTDecodingError.malformedUTF8(field: "f")) {
      try malformed.readMQTTString(.publish, field: "f")
    }
    var surrogate = ByteBuffer(bytes: [0x00, 0x03, 0xED, 0xA0, 0x80])
    #expect(throws: MQTTDecodingError.malformedUTF8(field: "f")) {
      try surrogate.readMQTTString(.publish, field: "f")
    }
    var null = ByteBuffer(bytes: [0x00, 0x02, 0x61, 0x00])
    #expect(throws: MQTTDecodingError.nullCharacter(field: "f")) {
      try null.readMQTTString(.publish, field: "f")
    }
    var short = ByteBuffer(bytes: [0x00, 0x05, 0x61])
    #expect(throws: MQTTDecodingError.truncated(.publish, field: "f")) {
      try short.readMQTTString(.publish, field: "f")
    }
  }
}
