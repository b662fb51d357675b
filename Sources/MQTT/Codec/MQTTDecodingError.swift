/// Why bytes received from the network are not a valid MQTT 3.1.1 packet; the connection is then closed.
public enum MQTTDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
  case reservedPacketType(UInt8)
  case unsupportedPacketType(MQTTPacketType)
  case invalidFlags(MQTTPacketType, flags: UInt8)
  case invalidQoS(UInt8)
  case unsupportedQoS(UInt8)
  case duplicateFlagWithQoS0
  case remainingLengthTooLong
  case packetTooLarge(bytes: Int, limit: Int)
  case truncated(MQTTPacketType, field: String)
  case trailingBytes(MQTTPacketType, count: Int)
  case invalidRemainingLength(MQTTPacketType, expected: Int, actual: Int)
  case malformedUTF8(field: String)
  case nullCharacter(field: String)
  case invalidTopic(MQTTTopicError)
  case zeroPacketIdentifier(MQTTPacketType)
  case emptyPayload(MQTTPacketType)
  case unknownConnectReturnCode(UInt8)
  case invalidConnAckFlags(UInt8)
  case sessionPresentWithRefusal
  case invalidSubAckReturnCode(UInt8)
  case invalidRequestedQoS(UInt8)
  case invalidProtocolName(String)
  case unsupportedProtocolLevel(UInt8)
  case invalidConnectFlags(UInt8)

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
