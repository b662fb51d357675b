import NIOCore

/// Writes packets as MQTT bytes.
struct MQTTPacketEncoder: MessageToByteEncoder {
  typealias OutboundIn = MQTTPacket

  func encode(data: MQTTPacket, out: inout ByteBuffer) throws {
    try data.encode(into: &out)
  }
}
