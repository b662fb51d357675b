import NIOCore

extension MQTTPacket {
  /// Reads one packet from the front of `buffer`: nil when it is still incomplete (nothing consumed),
  /// a typed error when the bytes cannot be valid MQTT 3.1.1 from a peer of this client.
  static func decode(from buffer: inout ByteBuffer, maximumPacketSize: Int) throws(MQTTDecodingError)
    -> MQTTPacket?
  {
    guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
    let type = try validatedType(fixedHeader: first)
    guard let (length, lengthBytes) = try MQTTRemainingLength.peek(in: buffer, at: buffer.readerIndex + 1)
    else {
      return nil
    }
    let total = 1 + lengthBytes + length
    if total > maximumPacketSize { throw .packetTooLarge(bytes: total, limit: maximumPacketSize) }
    guard buffer.readableBytes >= total else { return nil }
    buffer.moveReaderIndex(forwardBy: 1 + lengthBytes)
    guard var body = buffer.readSlice(length: length) else { throw .truncated(type, field: "body") }
    let packet = try decodeBody(of: type, flags: first & 0x0F, from: &body)
    if body.readableBytes > 0 { throw .trailingBytes(type, count: body.readableBytes) }
    return packet
  }

  /// The packet type of a fixed-header byte, after checking its flags (known before the body arrives).
  private static func validatedType(fixedHeader: UInt8) throws(MQTTDecodingError) -> MQTTPacketType {
    guard let type = MQTTPacketType(rawValue: fixedHeader >> 4) else {
      throw .reservedPacketType(fixedHeader >> 4)
    }
    let flags = fixedHeader & 0x0F
    switch type {
    case .pubRec, .pubRel, .pubComp:
      throw .unsupportedPacketType(type)
    case .publish:
      let qos = flags >> 1 & 0b11
      if qos == 3 { throw .invalidQoS(qos) }
      if qos == 2 { throw .unsupportedQoS(qos) }
      if qos == 0 && flags & 0b1000 != 0 { throw .duplicateFlagWithQoS0 }
    default:
      if flags != type.requiredFlags { throw .invalidFlags(type, flags: flags) }
    }
    return type
  }

  private static func decodeBody(
    of type: MQTTPacketType, flags: UInt8, from body: inout ByteBuffer
  ) throws(MQTTDecodingError) -> MQTTPacket {
    switch type {
    case .connect:
      return .connect(try MQTTConnect.decode(from: &body))
    case .connAck:
      try expectLength(2, of: type, in: body)
      return .connAck(try MQTTConnAck.decode(from: &body))
    case .publish:
      return .publish(try MQTTPublish.decode(flags: flags, from: &body))
    case .pubAck:
      try expectLength(2, of: type, in: body)
      return .pubAck(packetID: try body.readMQTTPacketID(type))
    case .subscribe:
      return .subscribe(try MQTTSubscribe.decode(from: &body))
    case .subAck:
      return .subAck(try MQTTSubAck.decode(from: &body))
    case .unsubscribe:
      return .unsubscribe(try MQTTUnsubscribe.decode(from: &body))
    case .unsubAck:
      try expectLength(2, of: type, in: body)
      return .unsubAck(packetID: try body.readMQTTPacketID(type))
    case .pingReq:
      try expectLength(0, of: type, in: body)
      return .pingReq
    case .pingResp:
      try expectLength(0, of: type, in: body)
      return .pingResp
    case .disconnect:
      try expectLength(0, of: type, in: body)
      return .disconnect
    case .pubRec, .pubRel, .pubComp:
      throw .unsupportedPacketType(type)
    }
  }

  private static func expectLength(
    _ expected: Int, of type: MQTTPacketType, in body: ByteBuffer
  ) throws(MQTTDecodingError) {
    if body.readableBytes != expected {
      throw .invalidRemainingLength(type, expected: expected, actual: body.readableBytes)
    }
  }
}

extension MQTTQoS {
  /// The QoS of a wire value, telling "does not exist" (3+) from "not supported here" (2).
  static func decode(_ value: UInt8) throws(MQTTDecodingError) -> MQTTQoS {
    if let qos = MQTTQoS(rawValue: value) { return qos }
    throw value == 2 ? .unsupportedQoS(value) : .invalidQoS(value)
  }
}

extension MQTTConnect {
  fileprivate static func decode(from body: inout ByteBuffer) throws(MQTTDecodingError) -> MQTTConnect {
    let protocolName = try body.readMQTTString(.connect, field: "protocol name")
    if protocolName != "MQTT" { throw .invalidProtocolName(protocolName) }
    let level = try body.readMQTTByte(.connect, field: "protocol level")
    if level != 4 { throw .unsupportedProtocolLevel(level) }
    let flags = try body.readMQTTByte(.connect, field: "connect flags")
    let hasWill = flags & 0b100 != 0
    let willQoSBits = flags >> 3 & 0b11
    let willRetain = flags & 0b10_0000 != 0
    let hasPassword = flags & 0b100_0000 != 0
    let hasUsername = flags & 0b1000_0000 != 0
    if flags & 1 != 0 || (!hasWill && (willQoSBits != 0 || willRetain)) || (hasPassword && !hasUsername) {
      throw .invalidConnectFlags(flags)
    }
    let willQoS = try MQTTQoS.decode(willQoSBits)
    let keepAlive = try body.readMQTTUInt16(.connect, field: "keep alive")
    let clientID = try body.readMQTTString(.connect, field: "client identifier")
    var will: MQTTMessage?
    if hasWill {
      let topic = try body.readMQTTTopicName(.connect, field: "will topic")
      let payload = try body.readMQTTBinary(.connect, field: "will message")
      will = MQTTMessage(topic: topic, payload: ByteBuffer(bytes: payload), qos: willQoS, retain: willRetain)
    }
    let username = try hasUsername ? body.readMQTTString(.connect, field: "user name") : nil
    let password = try hasPassword ? body.readMQTTBinary(.connect, field: "password") : nil
    return MQTTConnect(
      clientID: clientID, keepAliveSeconds: keepAlive, cleanSession: flags & 0b10 != 0,
      username: username, password: password, will: will)
  }
}

extension MQTTConnAck {
  fileprivate static func decode(from body: inout ByteBuffer) throws(MQTTDecodingError) -> MQTTConnAck {
    let flags = try body.readMQTTByte(.connAck, field: "acknowledge flags")
    if flags & 0xFE != 0 { throw .invalidConnAckFlags(flags) }
    let rawCode = try body.readMQTTByte(.connAck, field: "return code")
    guard let code = MQTTConnectReturnCode(rawValue: rawCode) else {
      throw .unknownConnectReturnCode(rawCode)
    }
    if flags == 1 && code != .accepted { throw .sessionPresentWithRefusal }
    return MQTTConnAck(sessionPresent: flags == 1, returnCode: code)
  }
}

extension MQTTPublish {
  fileprivate static func decode(flags: UInt8, from body: inout ByteBuffer) throws(MQTTDecodingError)
    -> MQTTPublish
  {
    let qos = try MQTTQoS.decode(flags >> 1 & 0b11)
    let topic = try body.readMQTTTopicName(.publish, field: "topic name")
    let packetID = try qos == .atMostOnce ? nil : body.readMQTTPacketID(.publish)
    let payload = body.readSlice(length: body.readableBytes) ?? ByteBuffer()
    return MQTTPublish(
      message: MQTTMessage(topic: topic, payload: payload, qos: qos, retain: flags & 1 != 0),
      packetID: packetID, duplicate: flags & 0b1000 != 0)
  }
}

extension MQTTSubscribe {
  fileprivate static func decode(from body: inout ByteBuffer) throws(MQTTDecodingError) -> MQTTSubscribe {
    let packetID = try body.readMQTTPacketID(.subscribe)
    var entries: [Entry] = []
    while body.readableBytes > 0 {
      let filter = try body.readMQTTTopicFilter(.subscribe)
      let options = try body.readMQTTByte(.subscribe, field: "requested QoS")
      if options > 2 { throw .invalidRequestedQoS(options) }
      entries.append(Entry(filter: filter, qos: try MQTTQoS.decode(options)))
    }
    if entries.isEmpty { throw .emptyPayload(.subscribe) }
    return MQTTSubscribe(packetID: packetID, entries: entries)
  }
}

extension MQTTSubAck {
  fileprivate static func decode(from body: inout ByteBuffer) throws(MQTTDecodingError) -> MQTTSubAck {
    let packetID = try body.readMQTTPacketID(.subAck)
    var codes: [MQTTSubAckReturnCode] = []
    while let byte = body.readInteger(as: UInt8.self) {
      switch byte {
      case 0x80: codes.append(.failure)
      case 0...2: codes.append(.granted(try MQTTQoS.decode(byte)))
      default: throw .invalidSubAckReturnCode(byte)
      }
    }
    if codes.isEmpty { throw .emptyPayload(.subAck) }
    return MQTTSubAck(packetID: packetID, returnCodes: codes)
  }
}

extension MQTTUnsubscribe {
  fileprivate static func decode(from body: inout ByteBuffer) throws(MQTTDecodingError) -> MQTTUnsubscribe {
    let packetID = try body.readMQTTPacketID(.unsubscribe)
    var filters: [String] = []
    while body.readableBytes > 0 { filters.append(try body.readMQTTTopicFilter(.unsubscribe)) }
    if filters.isEmpty { throw .emptyPayload(.unsubscribe) }
    return MQTTUnsubscribe(packetID: packetID, filters: filters)
  }
}
