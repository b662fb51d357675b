import NIOCore
import Testing

@testable import MQTT

@Suite("Packet codec")
struct MQTTPacketCodecTests {
  @Test("every packet type decodes to what was encoded", arguments: samplePackets)
  func roundTrip(packet: MQTTPacket) throws {
    let bytes = try encoded(packet)
    let decoded = try decodeAll(bytes)
    #expect(decoded.packets == [packet])
    #expect(decoded.leftover == 0)
  }

  @Test("packets split into 1-byte chunks decode through the NIO decoder like whole ones")
  func byteByByteThroughNIODecoder() throws {
    let stream = try samplePackets.flatMap(encoded)
    let processor = NIOSingleStepByteToMessageProcessor(MQTTPacketDecoder(maximumPacketSize: 1 << 20))
    var packets: [MQTTPacket] = []
    for byte in stream {
      try processor.process(buffer: ByteBuffer(bytes: [byte])) { packets.append($0) }
    }
    #expect(packets == samplePackets)
    #expect(processor.unprocessedBytes == 0)
  }

  @Test("an incomplete packet decodes to nothing and consumes nothing")
  func incompletePacketWaits() throws {
    let bytes = try encoded(samplePackets[2])
    for length in 0..<bytes.count {
      var buffer = ByteBuffer(bytes: bytes.prefix(length))
      #expect(try MQTTPacket.decode(from: &buffer, maximumPacketSize: 1 << 20) == nil)
      #expect(buffer.readableBytes == length)
    }
  }

  @Test("encodings match the bytes written out in the MQTT 3.1.1 specification")
  func specificationBytes() throws {
    #expect(try encoded(.pingReq) == [0xC0, 0x00])
    #expect(try encoded(.disconnect) == [0xE0, 0x00])
    #expect(try encoded(.pubAck(packetID: 0x0102)) == [0x40, 0x02, 0x01, 0x02])
    let publish = MQTTPacket.publish(
      MQTTPublish(
        message: MQTTMessage(topic: "a/b", payload: "hi", qos: .atLeastOnce, retain: true), packetID: 10,
        duplicate: true))
    #expect(try encoded(publish) == [0x3B, 0x09, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x0A, 0x68, 0x69])
    let subscribe = MQTTPacket.subscribe(
      MQTTSubscribe(packetID: 1, entries: [.init(filter: "a/#", qos: .atLeastOnce)]))
    #expect(try encoded(subscribe) == [0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 0x61, 0x2F, 0x23, 0x01])
    let connect = MQTTPacket.connect(
      MQTTConnect(
        clientID: "c", keepAliveSeconds: 10, cleanSession: true, username: "u", password: [0x70],
        will: MQTTMessage(topic: "w", payload: "x", qos: .atLeastOnce, retain: true)))
    let connectBytes: [UInt8] = [
      0x10, 0x19, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0b1110_1110, 0x00, 0x0A,
      0x00, 0x01, 0x63, 0x00, 0x01, 0x77, 0x00, 0x01, 0x78, 0x00, 0x01, 0x75, 0x00, 0x01, 0x70,
    ]
    #expect(try encoded(connect) == connectBytes)
  }

  @Test(
    "malformed packets fail with the typed error that names the broken rule",
    arguments: [
      ([0x00, 0x00], MQTTDecodingError.reservedPacketType(0)),
      ([0xF0, 0x00], .reservedPacketType(15)),
      ([0x50, 0x02, 0x00, 0x01], .unsupportedPacketType(.pubRec)),
      ([0x62, 0x02, 0x00, 0x01], .unsupportedPacketType(.pubRel)),
      ([0xC1, 0x00], .invalidFlags(.pingReq, flags: 1)),
      ([0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00], .invalidFlags(.subscribe, flags: 0)),
      ([0x42, 0x02, 0x00, 0x01], .invalidFlags(.pubAck, flags: 2)),
      ([0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01], .invalidQoS(3)),
      ([0x34, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01], .unsupportedQoS(2)),
      ([0x38, 0x03, 0x00, 0x01, 0x61], .duplicateFlagWithQoS0),
      ([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], .remainingLengthTooLong),
      ([0x30, 0xFF, 0xFF, 0x7F], .packetTooLarge(bytes: 2_097_155, limit: 1 << 20)),
      ([0x30, 0x03, 0x00, 0x05, 0x61], .truncated(.publish, field: "topic name")),
      ([0x32, 0x04, 0x00, 0x01, 0x61, 0x00], .truncated(.publish, field: "packet identifier")),
      ([0x40, 0x03, 0x00, 0x01, 0x00], .invalidRemainingLength(.pubAck, expected: 2, actual: 3)),
      ([0xD0, 0x01, 0x00], .invalidRemainingLength(.pingResp, expected: 0, actual: 1)),
      ([0x20, 0x03, 0x00, 0x00, 0x00], .invalidRemainingLength(.connAck, expected: 2, actual: 3)),
      ([0x30, 0x04, 0x00, 0x02, 0xC3, 0x28], .malformedUTF8(field: "topic name")),
      ([0x30, 0x04, 0x00, 0x02, 0x61, 0x00], .nullCharacter(field: "topic name")),
      (
        [0x30, 0x05, 0x00, 0x03, 0x61, 0x2F, 0x2B],
        .invalidTopic(MQTTTopicError(topic: "a/+", isFilter: false, reason: .wildcardInTopicName))
      ),
      ([0x30, 0x02, 0x00, 0x00], .invalidTopic(MQTTTopicError(topic: "", isFilter: false, reason: .empty))),
      ([0x40, 0x02, 0x00, 0x00], .zeroPacketIdentifier(.pubAck)),
      ([0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00], .zeroPacketIdentifier(.publish)),
      ([0x20, 0x02, 0x00, 0x06], .unknownConnectReturnCode(6)),
      ([0x20, 0x02, 0x02, 0x00], .invalidConnAckFlags(2)),
      ([0x20, 0x02, 0x01, 0x05], .sessionPresentWithRefusal),
      ([0x90, 0x03, 0x00, 0x01, 0x03], .invalidSubAckReturnCode(3)),
      ([0x90, 0x03, 0x00, 0x01, 0x02], .unsupportedQoS(2)),
      ([0x90, 0x02, 0x00, 0x01], .emptyPayload(.subAck)),
      ([0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x04], .invalidRequestedQoS(4)),
      (
        [0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 0x23, 0x2F, 0x61, 0x00],
        .invalidTopic(MQTTTopicError(topic: "#/a", isFilter: true, reason: .misplacedMultiLevelWildcard))
      ),
      ([0x82, 0x02, 0x00, 0x01], .emptyPayload(.subscribe)),
      ([0xA2, 0x02, 0x00, 0x01], .emptyPayload(.unsubscribe)),
      (
        [0x10, 0x0E, 0x00, 0x06, 0x4D, 0x51, 0x49, 0x73, 0x64, 0x70, 0x03, 0x02, 0x00, 0x0A, 0x00, 0x00],
        .invalidProtocolName("MQIsdp")
      ),
      (
        [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x0A, 0x00, 0x00],
        .unsupportedProtocolLevel(5)
      ),
      (
        [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x03, 0x00, 0x0A, 0x00, 0x00],
        .invalidConnectFlags(3)
      ),
      (
        [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x42, 0x00, 0x0A, 0x00, 0x00],
        .invalidConnectFlags(0x42)
      ),
      (
        [0x10, 0x0C, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x12, 0x00, 0x0A, 0x00, 0x00],
        .invalidConnectFlags(0x12)
      ),
      (
        [0x10, 0x0D, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x0A, 0x00, 0x00, 0x99],
        .trailingBytes(.connect, count: 1)
      ),
    ] as [([UInt8], MQTTDecodingError)])
  func malformedPacketsFailWithTypedErrors(bytes: [UInt8], expected: MQTTDecodingError) {
    #expect(throws: expected) { try decodeAll(bytes) }
  }

  @Test("a packet above the configured maximum is refused from its header, before its body arrives")
  func oversizedPacketRefusedEarly() {
    let header: [UInt8] = [0x30, 0x80, 0x08]  // PUBLISH announcing 1024 bytes, none sent yet
    #expect(throws: MQTTDecodingError.packetTooLarge(bytes: 1027, limit: 512)) {
      try decodeAll(header, maximumPacketSize: 512)
    }
  }

  @Test("every decoding error explains itself")
  func errorDescriptionsAreSpecific() {
    let error = MQTTDecodingError.invalidFlags(.subscribe, flags: 0)
    #expect(error.description == "SUBSCRIBE with fixed-header flags 0 (must be 2)")
    #expect(MQTTDecodingError.packetTooLarge(bytes: 10, limit: 5).description.contains("maximumPacketSize"))
  }
}
