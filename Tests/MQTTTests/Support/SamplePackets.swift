import NIOCore

@testable import MQTT

/// One packet of every type the codec speaks, in the variants that exercise each field.
let samplePackets: [MQTTPacket] = [
  .connect(
    MQTTConnect(
      clientID: "dev-1", keepAliveSeconds: 60, cleanSession: true, username: nil, password: nil, will: nil)),
  .connect(
    MQTTConnect(
      clientID: "", keepAliveSeconds: 0, cleanSession: true, username: "user", password: nil, will: nil)),
  .connect(
    MQTTConnect(
      clientID: "motor-ü-01", keepAliveSeconds: UInt16.max, cleanSession: false, username: "ops",
      password: [0, 1, 2, 255],
      will: MQTTMessage(
        topic: "edge-ai/device/motor-01/status", payload: #"{"state":"offline"}"#, qos: .atLeastOnce,
        retain: true))),
  .connAck(MQTTConnAck(sessionPresent: true, returnCode: .accepted)),
  .connAck(MQTTConnAck(sessionPresent: false, returnCode: .notAuthorized)),
  .publish(
    MQTTPublish(
      message: MQTTMessage(topic: "a/b", payload: "hi", qos: .atMostOnce, retain: true), packetID: nil,
      duplicate: false)),
  .publish(
    MQTTPublish(
      message: MQTTMessage(topic: "a", payload: ByteBuffer(), qos: .atLeastOnce), packetID: 65535,
      duplicate: true)),
  .publish(
    MQTTPublish(
      message: MQTTMessage(
        topic: "/big/", payload: ByteBuffer(repeating: 0xA5, count: 20_000), qos: .atLeastOnce),
      packetID: 1, duplicate: false)),
  .pubAck(packetID: 7),
  .subscribe(
    MQTTSubscribe(
      packetID: 2, entries: [.init(filter: "a/+/c", qos: .atMostOnce), .init(filter: "#", qos: .atLeastOnce)])
  ),
  .subAck(MQTTSubAck(packetID: 2, returnCodes: [.granted(.atMostOnce), .granted(.atLeastOnce), .failure])),
  .unsubscribe(MQTTUnsubscribe(packetID: 3, filters: ["a/+/c", "x/#"])),
  .unsubAck(packetID: 3),
  .pingReq,
  .pingResp,
  .disconnect,
]

/// The bytes of `packet` as the codec writes them.
func encoded(_ packet: MQTTPacket) throws -> [UInt8] {
  var buffer = ByteBuffer()
  try packet.encode(into: &buffer)
  return Array(buffer.readableBytesView)
}

/// Decodes every packet in `bytes`; throws the decoder's error for malformed input.
func decodeAll(_ bytes: [UInt8], maximumPacketSize: Int = 1 << 20) throws(MQTTDecodingError) -> (
  packets: [MQTTPacket], leftover: Int
) {
  var buffer = ByteBuffer(bytes: bytes)
  var packets: [MQTTPacket] = []
  while let packet = try MQTTPacket.decode(from: &buffer, maximumPacketSize: maximumPacketSize) {
    packets.append(packet)
  }
  return (packets, buffer.readableBytes)
}
