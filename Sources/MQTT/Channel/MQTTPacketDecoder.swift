import NIOCore

/// Turns the byte stream from the broker into packets; any malformed packet fails with `MQTTDecodingError`.
struct MQTTPacketDecoder: NIOSingleStepByteToMessageDecoder {
  typealias InboundOut = MQTTPacket

  /// Packets larger than this (fixed header included) are refused before their body is buffered.
  let maximumPacketSize: Int

  mutating func decode(buffer: inout ByteBuffer) throws -> MQTTPacket? {
    try MQTTPacket.decode(from: &buffer, maximumPacketSize: maximumPacketSize)
  }

  mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> MQTTPacket? {
    try decode(buffer: &buffer)
  }
}
