import Logging
import NIOCore

/// One MQTT 3.1.1 control packet of the subset this client speaks (QoS 0 and 1).
enum MQTTPacket: Sendable, Hashable {
  case connect(MQTTConnect)
  case connAck(MQTTConnAck)
  case publish(MQTTPublish)
  case pubAck(packetID: UInt16)
  case subscribe(MQTTSubscribe)
  case subAck(MQTTSubAck)
  case unsubscribe(MQTTUnsubscribe)
  case unsubAck(packetID: UInt16)
  case pingReq
  case pingResp
  case disconnect

  /// The packet's type, for logs and errors.
  var type: MQTTPacketType {
    switch self {
    case .connect: .connect
    case .connAck: .connAck
    case .publish: .publish
    case .pubAck: .pubAck
    case .subscribe: .subscribe
    case .subAck: .subAck
    case .unsubscribe: .unsubscribe
    case .unsubAck: .unsubAck
    case .pingReq: .pingReq
    case .pingResp: .pingResp
    case .disconnect: .disconnect
    }
  }
}

extension MQTTPacket {
  /// The packet identifier, for the packets that carry one.
  var packetID: UInt16? {
    switch self {
    case .publish(let publish): publish.packetID
    case .pubAck(let packetID), .unsubAck(let packetID): packetID
    case .subscribe(let subscribe): subscribe.packetID
    case .subAck(let subAck): subAck.packetID
    case .unsubscribe(let unsubscribe): unsubscribe.packetID
    case .connect, .connAck, .pingReq, .pingResp, .disconnect: nil
    }
  }

  /// Type and packet identifier as log metadata.
  var logMetadata: Logger.Metadata {
    var metadata: Logger.Metadata = ["mqtt.packet": "\(type)"]
    if let packetID { metadata["mqtt.packet_id"] = "\(packetID)" }
    return metadata
  }
}

/// CONNECT: opens a session.
struct MQTTConnect: Sendable, Hashable {
  var clientID: String
  var keepAliveSeconds: UInt16
  var cleanSession: Bool
  var username: String?
  var password: [UInt8]?
  var will: MQTTMessage?
}

/// CONNACK: the broker's answer to CONNECT.
struct MQTTConnAck: Sendable, Hashable {
  var sessionPresent: Bool
  var returnCode: MQTTConnectReturnCode
}

/// PUBLISH: an application message on the wire; `packetID` is set exactly when QoS is 1.
struct MQTTPublish: Sendable, Hashable {
  var message: MQTTMessage
  var packetID: UInt16?
  var duplicate: Bool
}

/// SUBSCRIBE: topic filters with the maximum QoS asked for each.
struct MQTTSubscribe: Sendable, Hashable {
  /// One filter and the QoS requested for it.
  struct Entry: Sendable, Hashable {
    var filter: String
    var qos: MQTTQoS
  }
  var packetID: UInt16
  var entries: [Entry]
}

/// SUBACK: one return code per filter of the SUBSCRIBE it answers, in the same order.
struct MQTTSubAck: Sendable, Hashable {
  var packetID: UInt16
  var returnCodes: [MQTTSubAckReturnCode]
}

/// One SUBACK return code: the QoS granted, or a refusal (0x80).
enum MQTTSubAckReturnCode: Sendable, Hashable {
  case granted(MQTTQoS)
  case failure
}

/// UNSUBSCRIBE: topic filters to drop.
struct MQTTUnsubscribe: Sendable, Hashable {
  var packetID: UInt16
  var filters: [String]
}
