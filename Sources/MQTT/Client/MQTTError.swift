/// Why an MQTT client operation failed, with what to do about it.
public enum MQTTError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A topic name or filter breaks MQTT's rules.
  case invalidTopic(MQTTTopicError)
  /// A configuration value cannot be sent to a broker.
  case invalidConfiguration(field: String, reason: String)
  /// The packet is larger than MQTT (or the configured limit) allows.
  case packetTooLarge(MQTTPacketType, bytes: Int, limit: Int)
  /// The broker answered CONNECT with a refusal.
  case connectionRefused(MQTTConnectReturnCode)
  /// The TCP or TLS connection could not be established or broke before CONNACK.
  case connectionFailed(reason: String)
  /// No CONNACK within the configured connect timeout.
  case connectTimeout(Duration)
  /// The broker sent bytes that are not valid MQTT; the connection was closed.
  case protocolViolation(MQTTDecodingError)
  /// The broker sent a valid packet a broker must not send at this point; the connection was closed.
  case unexpectedPacket(MQTTPacketType)
  /// The broker did not answer a PINGREQ within the keep-alive interval; the connection was closed.
  case keepAliveTimeout(seconds: UInt16)
  /// The message was evicted from the full outgoing buffer by a newer one while disconnected.
  case droppedFromBuffer(capacity: Int)
  /// `disconnect()` was called before the operation completed.
  case disconnected
  /// All 65535 packet identifiers are in use by unacknowledged requests.
  case packetIdentifiersExhausted

  /// What it means, for logs and error messages.
  public var description: String {
    switch self {
    case .invalidTopic(let error): "\(error)"
    case .invalidConfiguration(let field, let reason): "MQTT configuration '\(field)': \(reason)"
    case .packetTooLarge(let type, let bytes, let limit):
      "\(type) of \(bytes) bytes exceeds the limit of \(limit) bytes; send smaller payloads"
    case .connectionRefused(let code): "broker refused the connection: \(code)"
    case .connectionFailed(let reason):
      "could not connect to the broker: \(reason); check host, port and TLS settings"
    case .connectTimeout(let timeout):
      "no CONNACK within \(timeout); check that the address is an MQTT broker and reachable"
    case .protocolViolation(let error): "broker sent a malformed packet (\(error)); connection closed"
    case .unexpectedPacket(let type): "broker sent \(type), which it must not send now; connection closed"
    case .keepAliveTimeout(let seconds):
      "no PINGRESP within the keep-alive interval of \(seconds) s; connection closed"
    case .droppedFromBuffer(let capacity):
      "message dropped: the outgoing buffer (capacity \(capacity)) was full while disconnected; raise outgoingBufferCapacity"
    case .disconnected: "the client was disconnected before the operation completed"
    case .packetIdentifiersExhausted: "all 65535 packet identifiers are in flight; wait for acknowledgements"
    }
  }
}
