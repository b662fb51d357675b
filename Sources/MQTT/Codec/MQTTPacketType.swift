/// The control packet types of MQTT 3.1.1 (the high nibble of the fixed header).
public enum MQTTPacketType: UInt8, Sendable, CustomStringConvertible {
  /// Client asks to open a session.
  case connect = 1
  /// Broker answers CONNECT.
  case connAck = 2
  /// An application message.
  case publish = 3
  /// Acknowledges a QoS 1 PUBLISH.
  case pubAck = 4
  /// QoS 2, step 1 (not used here).
  case pubRec = 5
  /// QoS 2, step 2 (not used here).
  case pubRel = 6
  /// QoS 2, step 3 (not used here).
  case pubComp = 7
  /// Client asks for topic filters.
  case subscribe = 8
  /// Broker answers SUBSCRIBE.
  case subAck = 9
  /// Client drops topic filters.
  case unsubscribe = 10
  /// Broker answers UNSUBSCRIBE.
  case unsubAck = 11
  /// Keep-alive probe from the client.
  case pingReq = 12
  /// Broker answers PINGREQ.
  case pingResp = 13
  /// Client ends the session cleanly (no last will).
  case disconnect = 14

  /// The fixed-header flags the specification requires for this type (PUBLISH flags vary and are checked apart).
  var requiredFlags: UInt8 {
    switch self {
    case .pubRel, .subscribe, .unsubscribe: 0b0010
    default: 0
    }
  }

  /// What it means, for logs and error messages.
  public var description: String {
    switch self {
    case .connect: "CONNECT"
    case .connAck: "CONNACK"
    case .publish: "PUBLISH"
    case .pubAck: "PUBACK"
    case .pubRec: "PUBREC"
    case .pubRel: "PUBREL"
    case .pubComp: "PUBCOMP"
    case .subscribe: "SUBSCRIBE"
    case .subAck: "SUBACK"
    case .unsubscribe: "UNSUBSCRIBE"
    case .unsubAck: "UNSUBACK"
    case .pingReq: "PINGREQ"
    case .pingResp: "PINGRESP"
    case .disconnect: "DISCONNECT"
    }
  }
}
