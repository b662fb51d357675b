import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Opening, keeping and losing the connection; everything here runs on the client's event loop.
extension MQTTClient {
  /// Starts attempt number `attempt`: TCP (and TLS), then CONNECT; CONNACK completes it.
  func openConnection(attempt: Int) {
    generation &+= 1
    let generation = generation
    logger.debug("connecting", metadata: ["mqtt.attempt": "\(attempt)"])
    let timeout = configuration.connectTimeout
    connection = Connection(
      generation: generation,
      connectTimeout: eventLoop.scheduleTask(in: TimeAmount(timeout)) { [self] in
        assumeIsolated { $0.connectionFailed(.connectTimeout(timeout), generation: generation) }
      })
    let bootstrap: ClientBootstrap
    do {
      bootstrap = try makeBootstrap(generation: generation)
    } catch {
      connectionFailed(error, generation: generation)
      return
    }
    bootstrap.connect(host: configuration.host, port: configuration.port).whenComplete { [self] result in
      assumeIsolated { $0.channelConnected(result, generation: generation) }
    }
  }

  private func makeBootstrap(generation: UInt64) throws(MQTTError) -> ClientBootstrap {
    let tlsContext = try makeTLSContext()
    let host = configuration.host
    let serverHostname =
      configuration.tlsServerHostname ?? ((try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil)
    let maximumPacketSize = configuration.maximumPacketSize
    return ClientBootstrap(group: eventLoop)
      .connectTimeout(TimeAmount(configuration.connectTimeout))
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
      .channelInitializer { [self] channel in
        channel.eventLoop.makeCompletedFuture {
          let pipeline = channel.pipeline.syncOperations
          if let tlsContext {
            try pipeline.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname))
          }
          try pipeline.addHandlers(
            ByteToMessageHandler(MQTTPacketDecoder(maximumPacketSize: maximumPacketSize)),
            MessageToByteHandler(MQTTPacketEncoder()),
            MQTTChannelHandler(client: self, generation: generation))
        }
      }
  }

  private func makeTLSContext() throws(MQTTError) -> NIOSSLContext? {
    guard let tls = configuration.tls else { return nil }
    if let tlsContext { return tlsContext }
    do {
      let context = try NIOSSLContext(configuration: tls)
      tlsContext = context
      return context
    } catch {
      throw .invalidConfiguration(field: "tls", reason: "\(error)")
    }
  }

  private func channelConnected(_ result: Result<any Channel, any Error>, generation: UInt64) {
    switch result {
    case .success(let channel):
      guard generation == self.generation else {
        channel.close(promise: nil)
        return
      }
      connection?.channel = channel
      let connect = MQTTConnect(
        clientID: configuration.clientID, keepAliveSeconds: configuration.keepAliveSeconds,
        cleanSession: configuration.cleanSession, username: configuration.credentials?.username,
        password: configuration.credentials?.password, will: configuration.will)
      send(.connect(connect))
    case .failure(let error):
      connectionFailed(.connectionFailed(reason: "\(error)"), generation: generation)
    }
  }

  /// A packet arrived on the connection numbered `generation`.
  func handleInbound(_ packet: MQTTPacket, generation: UInt64) {
    guard generation == self.generation else { return }
    logger.trace("received", metadata: packet.logMetadata)
    if case .connAck(let connAck) = packet {
      handleConnAck(connAck, generation: generation)
      return
    }
    guard stateMachine.isConnected else {
      connectionFailed(.unexpectedPacket(packet.type), generation: generation)
      return
    }
    switch packet {
    case .publish(let publish): handleIncomingPublish(publish)
    case .pubAck(let packetID): handlePubAck(packetID)
    case .subAck(let subAck): handleSubAck(subAck, generation: generation)
    case .unsubAck(let packetID): handleUnsubAck(packetID)
    case .pingResp: stateMachine.pingResponseReceived()
    case .connect, .connAck, .subscribe, .unsubscribe, .pingReq, .disconnect:
      connectionFailed(.unexpectedPacket(packet.type), generation: generation)
    }
  }

  /// The connection numbered `generation` closed.
  func handleChannelClosed(generation: UInt64) {
    connectionFailed(
      .connectionFailed(reason: "connection closed by the broker or the network"), generation: generation)
  }

  /// The connection numbered `generation` failed: a malformed packet, a TLS or socket error.
  func handleChannelError(_ error: any Error, generation: UInt64) {
    let reason: MQTTError =
      if let error = error as? MQTTDecodingError {
        .protocolViolation(error)
      } else if let error = error as? MQTTError {
        error
      } else {
        .connectionFailed(reason: "\(error)")
      }
    connectionFailed(reason, generation: generation)
  }

  private func handleConnAck(_ connAck: MQTTConnAck, generation: UInt64) {
    guard connAck.returnCode == .accepted else {
      connectionFailed(.connectionRefused(connAck.returnCode), generation: generation)
      return
    }
    guard stateMachine.connectionEstablished() else {
      connectionFailed(.unexpectedPacket(.connAck), generation: generation)
      return
    }
    connection?.connectTimeout?.cancel()
    connection?.connectTimeout = nil
    startKeepAlive(generation: generation)
    stats.connections += 1
    logger.info(
      "connected",
      metadata: [
        "mqtt.session_present": "\(connAck.sessionPresent)", "mqtt.connections": "\(stats.connections)",
      ])
    resumeSession(sessionPresent: connAck.sessionPresent)
    let waiters = connectWaiters
    connectWaiters.removeAll()
    for waiter in waiters { waiter.resume(returning: .success(())) }
  }

  /// After CONNACK: subscriptions back (if the broker lost them), pending requests and unacknowledged
  /// QoS 1 messages again (DUP set), then what waited in the outgoing buffer, in their original order.
  private func resumeSession(sessionPresent: Bool) {
    if !sessionPresent { resubscribe() }
    for request in pendingRequests.values.sorted(by: { $0.sequence < $1.sequence }) { send(request.packet) }
    let unacknowledged = inflight.sorted { $0.value.sequence < $1.value.sequence }
    for (packetID, pending) in unacknowledged {
      stats.retransmitted += 1
      logger.debug(
        "retransmitting",
        metadata: ["mqtt.packet_id": "\(packetID)", "mqtt.topic": "\(pending.message.topic)"])
      send(.publish(MQTTPublish(message: pending.message, packetID: packetID, duplicate: true)))
    }
    drainOutgoing()
  }

  private func startKeepAlive(generation: UInt64) {
    guard configuration.keepAliveSeconds > 0 else { return }
    let interval = TimeAmount.seconds(Int64(configuration.keepAliveSeconds))
    connection?.keepAlive = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) {
      [self] _ in
      assumeIsolated { $0.keepAliveIntervalElapsed(generation: generation) }
    }
  }

  private func keepAliveIntervalElapsed(generation: UInt64) {
    guard generation == self.generation else { return }
    switch stateMachine.keepAliveIntervalElapsed() {
    case .sendPing:
      send(.pingReq)
    case .closeForMissingPingResponse:
      connectionFailed(.keepAliveTimeout(seconds: configuration.keepAliveSeconds), generation: generation)
    case .ignore:
      break
    }
  }

  /// The attempt or connection numbered `generation` is over: close it, then retry or fail `connect()`.
  func connectionFailed(_ error: MQTTError, generation: UInt64) {
    guard generation == self.generation else { return }
    let wasConnected = stateMachine.isConnected
    invalidateConnection()?.close(promise: nil)
    switch stateMachine.connectionFailed(error) {
    case .scheduleReconnect(let attempt):
      let delay = configuration.reconnectBackoff.delay(
        forAttempt: attempt, randomFraction: .random(in: 0...1))
      logger.warning(
        wasConnected ? "connection lost; reconnecting" : "connection attempt failed; retrying",
        metadata: ["mqtt.reason": "\(error)", "mqtt.retry_in": "\(delay)"])
      reconnectTimer = eventLoop.scheduleTask(in: TimeAmount(delay)) { [self] in
        assumeIsolated { $0.reconnectDelayElapsed() }
      }
    case .failConnect(let error):
      logger.error("connection failed", metadata: ["mqtt.reason": "\(error)"])
      let waiters = connectWaiters
      connectWaiters.removeAll()
      for waiter in waiters { waiter.resume(returning: .failure(error)) }
    case .ignore:
      break
    }
  }

  private func reconnectDelayElapsed() {
    reconnectTimer = nil
    if let attempt = stateMachine.reconnectDelayElapsed() { openConnection(attempt: attempt) }
  }

  /// Forgets the current connection (its later events become stale) and returns its channel to close.
  @discardableResult
  func invalidateConnection() -> (any Channel)? {
    generation &+= 1
    connection?.connectTimeout?.cancel()
    connection?.keepAlive?.cancel()
    let channel = connection?.channel
    connection = nil
    return channel
  }

  /// Writes `packet` on the current connection; writes made in one turn of the event loop share a flush.
  func send(_ packet: MQTTPacket, promise: EventLoopPromise<Void>? = nil) {
    guard let channel = connection?.channel else {
      promise?.fail(ChannelError.ioOnClosedChannel)
      return
    }
    logger.trace("sending", metadata: packet.logMetadata)
    channel.write(packet, promise: promise)
    guard !flushScheduled else { return }
    flushScheduled = true
    eventLoop.execute { [self] in
      assumeIsolated { $0.flushWrites() }
    }
  }

  private func flushWrites() {
    flushScheduled = false
    connection?.channel?.flush()
  }

  /// Cuts the TCP connection without DISCONNECT, as a network failure would (the broker then
  /// publishes the last will); the client reconnects as after any loss.
  func simulateConnectionLoss() {
    connection?.channel?.close(promise: nil)
  }
}
