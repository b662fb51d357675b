import NIOCore

/// An application message: what is published, received, or left as a last will.
public struct MQTTMessage: Sendable, Hashable {
  /// The topic name (no wildcards).
  public var topic: String
  /// The payload bytes, opaque to MQTT.
  public var payload: ByteBuffer
  /// The delivery guarantee it travels with.
  public var qos: MQTTQoS
  /// Whether the broker keeps it as the topic's last known value for later subscribers.
  public var retain: Bool

  /// A message with a binary payload.
  public init(topic: String, payload: ByteBuffer, qos: MQTTQoS = .atLeastOnce, retain: Bool = false) {
    self.topic = topic
    self.payload = payload
    self.qos = qos
    self.retain = retain
  }

  /// A message whose payload is the UTF-8 bytes of `payload` (JSON, text).
  public init(topic: String, payload: String, qos: MQTTQoS = .atLeastOnce, retain: Bool = false) {
    self.init(topic: topic, payload: ByteBuffer(string: payload), qos: qos, retain: retain)
  }

  /// The payload decoded as UTF-8 (invalid sequences repaired), for text and JSON payloads.
  public var payloadString: String { String(buffer: payload) }
}
