/// The control packet types of MQTT 3.1.1 (the high nibble of the fixed header).
public enum MQTTPacketType: UInt8, Sendable, CustomStringConvertible {
  case connect = 1
  case connAck = 2
  case publish = 3
  case pubAck = 4
  case pubRec = 5
  case pubRel = 6
  case pubComp = 7
  case subscribe = 8
  case subAck = 9
  case unsubscribe = 10
  case unsubAck = 11
  case pingReq = 12
  case pingResp = 13
  case disconnect = 14

  /// The fixed-header flags the specification requires for this type (PUBLISH flags vary and are checked apart).
  var requiredFlags: UInt8 {
    switch self {
    case .pubRel, .subscribe, .unsubscribe: 0b0010
    default: 0
    }
  }

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
