import Logging
import NIOCore

/// Publishing: QoS 0 and 1, the outgoing buffer and the in-flight window.
extension MQTTClient {
  /// Publishes `message` and returns once delivered to the broker: for QoS 1 when its PUBACK arrives
  /// (after any reconnects), for QoS 0 when written to the socket. While the client is not connected
  /// the message waits in the outgoing buffer; it fails if evicted from it or on `disconnect()`.
  public func publish(_ message: MQTTMessage) async throws(MQTTError) {
    try Self.validate(message)
    let result = await withCheckedContinuation { submit(message, waiter: $0) }
    try result.get()
  }

  /// Publishes `payload` to `topic`; see `publish(_:)`.
  public func publish(
    topic: String, payload: ByteBuffer, qos: MQTTQoS = .atLeastOnce, retain: Bool = false
  ) async throws(MQTTError) {
    try await publish(MQTTMessage(topic: topic, payload: payload, qos: qos, retain: retain))
  }

  /// Hands `message` to the client without waiting: it is sent (and for QoS 1 retransmitted) like
  /// `publish`, and counted in `statistics.droppedOutgoing` if the full buffer evicts it.
  public func enqueue(_ message: MQTTMessage) throws(MQTTError) {
    try Self.validate(message)
    if case .disconnecting = stateMachine.state { throw .disconnected }
    submit(message, waiter: nil)
  }

  private static func validate(_ message: MQTTMessage) throws(MQTTError) {
    do {
      try MQTTTopicName.validate(message.topic)
    } catch {
      throw .invalidTopic(error)
    }
    let length = 2 + message.topic.utf8.count + 2 + message.payload.readableBytes
    if length > MQTTRemainingLength.maximum {
      throw .packetTooLarge(.publish, bytes: length, limit: MQTTRemainingLength.maximum)
    }
  }

  private func submit(_ message: MQTTMessage, waiter: CheckedContinuation<Result<Void, MQTTError>, Never>?) {
    if case .disconnecting = stateMachine.state {
      waiter?.resume(returning: .failure(.disconnected))
      return
    }
    let pending = PendingPublish(message: message, waiter: waiter, sequence: makeSequence())
    if let evicted = outgoing.append(pending) {
      logger.debug(
        "outgoing buffer full; dropped the oldest message",
        metadata: ["mqtt.topic": "\(evicted.message.topic)", "mqtt.dropped": "\(outgoing.droppedCount)"])
      evicted.waiter?.resume(returning: .failure(.droppedFromBuffer(capacity: outgoing.capacity)))
    }
    drainOutgoing()
  }

  /// Sends buffered messages, oldest first, while connected and the in-flight window has room.
  func drainOutgoing() {
    guard stateMachine.isConnected else { return }
    while let next = outgoing.first {
      switch next.message.qos {
      case .atMostOnce:
        _ = outgoing.popFirst()
        var promise: EventLoopPromise<Void>?
        if let waiter = next.waiter {
          promise = eventLoop.makePromise()
          promise?.futureResult.whenComplete { result in
            waiter.resume(returning: result.mapError { .connectionFailed(reason: "\($0)") })
          }
        }
        send(.publish(MQTTPublish(message: next.message, packetID: nil, duplicate: false)), promise: promise)
      case .atLeastOnce:
        guard inflight.count < configuration.maximumInflight, let packetID = packetIDs.allocate() else {
          return
        }
        _ = outgoing.popFirst()
        inflight[packetID] = next
        send(.publish(MQTTPublish(message: next.message, packetID: packetID, duplicate: false)))
      }
    }
  }

  /// The broker acknowledged the QoS 1 message `packetID`.
  func handlePubAck(_ packetID: UInt16) {
    guard let pending = inflight.removeValue(forKey: packetID) else {
      logger.debug(
        "PUBACK for a packet identifier not in flight; ignored", metadata: ["mqtt.packet_id": "\(packetID)"])
      return
    }
    packetIDs.release(packetID)
    pending.waiter?.resume(returning: .success(()))
    drainOutgoing()
  }
}
