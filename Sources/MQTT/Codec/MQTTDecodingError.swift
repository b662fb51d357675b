/// Why bytes received from the network are not a valid MQTT 3.1.1 packet; the connection is then closed.
public enum MQTTDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Packet type 0 or 15, which MQTT reserves.
  case reservedPacketType(UInt8)
  /// A QoS 2 packet, which this client never asks for.
  case unsupportedPacketType(MQTTPacketType)
  /// Fixed-header flags other than the type requires.
  case invalidFlags(MQTTPacketType, flags: UInt8)
  /// QoS 3, which does not exist.
  case invalidQoS(UInt8)
  /// QoS 2, which this client never asks for.
  case unsupportedQoS(UInt8)
  /// DUP set on a QoS 0 PUBLISH.
  case duplicateFlagWithQoS0
  /// A remaining length longer than 4 bytes.
  case remainingLengthTooLong
  /// A packet above the configured maximum size.
  case packetTooLarge(bytes: Int, limit: Int)
  /// The packet ends inside a field.
  case truncated(MQTTPacketType, field: String)
  /// Bytes left after the last field.
  case trailingBytes(MQTTPacketType, count: Int)
  /// A fixed-size packet of the wrong size.
  case invalidRemainingLength(MQTTPacketType, expected: Int, actual: Int)
  /// A string that is not well-formed UTF-8.
  case malformedUTF8(field: String)
  /// A string containing U+0000.
  case nullCharacter(field: String)
  /// A topic name or filter that breaks the topic rules.
  case invalidTopic(MQTTTopicError)
  /// Packet identifier 0, which MQTT forbids.
  case zeroPacketIdentifier(MQTTPacketType)
  /// SUBSCRIBE, SUBACK or UNSUBSCRIBE without entries.
  case emptyPayload(MQTTPacketType)
  /// A CONNACK return code above 5.
  case unknownConnectReturnCode(UInt8)
  /// CONNACK flags with reserved bits set.
  case invalidConnAckFlags(UInt8)
  /// A refusing CONNACK that claims a session.
  case sessionPresentWithRefusal
  /// A SUBACK code other than 0, 1, 2 or 0x80.
  case invalidSubAckReturnCode(UInt8)
  /// A SUBSCRIBE options byte above 2.
  case invalidRequestedQoS(UInt8)
  /// CONNECT naming a protocol other than MQTT.
  case invalidProtocolName(String)
  /// CONNECT for a protocol level other than 4.
  case unsupportedProtocolLevel(UInt8)
  /// CONNECT flags that contradict each other.
  case invalidConnectFlags(UInt8)

  /// What it means, for logs and error messages.
  public var description: String {
    switch self {
    case .reservedPacketType(let value): "packet type \(value) is reserved"
    case .unsupportedPacketType(let type): "\(type) belongs to QoS 2, which this client does not use"
    case .invalidFlags(let type, let flags):
      "\(type) with fixed-header flags \(flags) (must be \(type.requiredFlags))"
    case .invalidQoS(let qos): "QoS \(qos) does not exist (0, 1, 2 only)"
    case .unsupportedQoS(let qos): "QoS \(qos) is not supported by this client (it only asks for QoS 0 and 1)"
    case .duplicateFlagWithQoS0: "PUBLISH at QoS 0 with the DUP flag set"
    case .remainingLengthTooLong: "remaining length takes more than 4 bytes"
    case .packetTooLarge(let bytes, let limit):
      "packet of \(bytes) bytes exceeds the configured maximum of \(limit); raise maximumPacketSize if it is legitimate"
    case .truncated(let type, let field): "\(type) ends inside its \(field)"
    case .trailingBytes(let type, let count): "\(type) has \(count) unexpected bytes after its last field"
    case .invalidRemainingLength(let type, let expected, let actual):
      "\(type) remaining length is \(actual), must be \(expected)"
    case .malformedUTF8(let field): "\(field) is not well-formed UTF-8"
    case .nullCharacter(let field): "\(field) contains U+0000"
    case .invalidTopic(let error): "\(error)"
    case .zeroPacketIdentifier(let type): "\(type) with packet identifier 0"
    case .emptyPayload(let type): "\(type) without any topic"
    case .unknownConnectReturnCode(let code): "CONNACK return code \(code) is not defined"
    case .invalidConnAckFlags(let flags): "CONNACK acknowledge flags \(flags) use reserved bits"
    case .sessionPresentWithRefusal: "CONNACK refuses the connection yet says a session is present"
    case .invalidSubAckReturnCode(let code): "SUBACK return code \(code) is not 0, 1, 2 or 128"
    case .invalidRequestedQoS(let byte): "SUBSCRIBE requested-QoS byte \(byte) is not 0, 1 or 2"
    case .invalidProtocolName(let name): "CONNECT protocol name '\(name)' is not 'MQTT'"
    case .unsupportedProtocolLevel(let level): "CONNECT protocol level \(level) is not 4 (MQTT 3.1.1)"
    case .invalidConnectFlags(let flags): "CONNECT flags \(flags) break the rules of section 3.1.2"
    }
  }
}
