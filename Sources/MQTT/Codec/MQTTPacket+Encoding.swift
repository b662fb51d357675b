import NIOCore

extension MQTTPacket {
  /// Appends the packet's bytes to `out`; fails only when the packet exceeds the 256 MiB MQTT limit.
  func encode(into out: inout ByteBuffer) throws(MQTTError) {
    let length = bodyLength
    guard length <= MQTTRemainingLength.maximum else {
      throw .packetTooLarge(type, bytes: length, limit: MQTTRemainingLength.maximum)
    }
    out.reserveCapacity(minimumWritableBytes: 1 + MQTTRemainingLength.byteCount(of: length) + length)
    out.writeInteger(type.rawValue << 4 | fixedHeaderFlags)
    out.writeMQTTRemainingLength(length)
    writeBody(into: &out)
  }

  private var fixedHeaderFlags: UInt8 {
    guard case .publish(let publish) = self else { return type.requiredFlags }
    return (publish.duplicate ? 0b1000 : 0) | publish.message.qos.rawValue << 1
      | (publish.message.retain ? 1 : 0)
  }

  private var bodyLength: Int {
    switch self {
    case .connect(let connect):
      var length = 10 + 2 + connect.clientID.utf8.count
      if let will = connect.will { length += 2 + will.topic.utf8.count + 2 + will.payload.readableBytes }
      if let username = connect.username { length += 2 + username.utf8.count }
      if let password = connect.password { length += 2 + password.count }
      return length
    case .publish(let publish):
      return 2 + publish.message.topic.utf8.count + (publish.packetID == nil ? 0 : 2)
        + publish.message.payload.readableBytes
    case .subscribe(let subscribe):
      return 2 + subscribe.entries.reduce(0) { $0 + 2 + $1.filter.utf8.count + 1 }
    case .subAck(let subAck):
      return 2 + subAck.returnCodes.count
    case .unsubscribe(let unsubscribe):
      return 2 + unsubscribe.filters.reduce(0) { $0 + 2 + $1.utf8.count }
    case .connAck, .pubAck, .unsubAck:
      return 2
    case .pingReq, .pingResp, .disconnect:
      return 0
    }
  }

  private func writeBody(into out: inout ByteBuffer) {
    switch self {
    case .connect(let connect):
      out.writeMQTTString("MQTT")
      out.writeInteger(UInt8(4))
      out.writeInteger(connect.flags)
      out.writeInteger(connect.keepAliveSeconds)
      out.writeMQTTString(connect.clientID)
      if let will = connect.will {
        out.writeMQTTString(will.topic)
        out.writeMQTTBinary(will.payload.readableBytesView)
      }
      if let username = connect.username { out.writeMQTTString(username) }
      if let password = connect.password { out.writeMQTTBinary(password) }
    case .connAck(let connAck):
      out.writeInteger(UInt8(connAck.sessionPresent ? 1 : 0))
      out.writeInteger(connAck.returnCode.rawValue)
    case .publish(let publish):
      out.writeMQTTString(publish.message.topic)
      if let packetID = publish.packetID { out.writeInteger(packetID) }
      out.writeImmutableBuffer(publish.message.payload)
    case .pubAck(let packetID), .unsubAck(let packetID):
      out.writeInteger(packetID)
    case .subscribe(let subscribe):
      out.writeInteger(subscribe.packetID)
      for entry in subscribe.entries {
        out.writeMQTTString(entry.filter)
        out.writeInteger(entry.qos.rawValue)
      }
    case .subAck(let subAck):
      out.writeInteger(subAck.packetID)
      for code in subAck.returnCodes {
        switch code {
        case .granted(let qos): out.writeInteger(qos.rawValue)
        case .failure: out.writeInteger(UInt8(0x80))
        }
      }
    case .unsubscribe(let unsubscribe):
      out.writeInteger(unsubscribe.packetID)
      for filter in unsubscribe.filters { out.writeMQTTString(filter) }
    case .pingReq, .pingResp, .disconnect:
      break
    }
  }
}

extension MQTTConnect {
  /// The CONNECT flags byte of section 3.1.2.3.
  var flags: UInt8 {
    var flags: UInt8 = cleanSession ? 0b10 : 0
    if let will {
      flags |= 0b100 | will.qos.rawValue << 3 | (will.retain ? 0b10_0000 : 0)
    }
    if password != nil { flags |= 0b100_0000 }
    if username != nil { flags |= 0b1000_0000 }
    return flags
  }
}
