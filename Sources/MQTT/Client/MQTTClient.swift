import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// An MQTT 3.1.1 client: QoS 0 and 1, retained messages, last will, keep-alive, automatic reconnect
/// with backoff, retransmission of unacknowledged QoS 1 messages, and a bounded outgoing buffer.
///
/// Concurrency: an actor whose executor is the event loop of its connections, so channel events
/// reach it synchronously and in order, and its writes need no thread hop. Every method may be
/// called from any task.
public actor MQTTClient {
  /// The configuration the client was created with.
  public nonisolated let configuration: MQTTConfiguration
  nonisolated let eventLoop: any EventLoop

  /// Runs the actor on its event loop.
  public nonisolated var unownedExecutor: UnownedSerialExecutor {
    eventLoop.executor.asUnownedSerialExecutor()
  }

  var logger: Logger
  var stateMachine = MQTTConnectionStateMachine()
  var stats = MQTTClientStatistics()

  /// The current connection attempt or connection; `generation` tells its events from stale ones.
  var connection: Connection?
  var generation: UInt64 = 0
  var reconnectTimer: Scheduled<Void>?
  var connectWaiters: [CheckedContinuation<Result<Void, MQTTError>, Never>] = []
  var tlsContext: NIOSSLContext?
  var flushScheduled = false

  var nextSequence: UInt64 = 0
  var packetIDs = MQTTPacketIDAllocator()
  var outgoing: MQTTOutgoingBuffer<PendingPublish>
  var inflight: [UInt16: PendingPublish] = [:]
  var pendingRequests: [UInt16: PendingRequest] = [:]

  /// Filters the broker acknowledged, re-sent when a reconnect finds no session.
  var subscriptions: [MQTTTopicFilter: MQTTQoS] = [:]
  var routes: [UInt64: Route] = [:]
  var nextRouteID: UInt64 = 0

  /// A client for `configuration`; it does nothing until `connect()`.
  public init(
    configuration: MQTTConfiguration,
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    logger: Logger = Logger(label: "mqtt")
  ) {
    self.configuration = configuration
    self.eventLoop = eventLoopGroup.next()
    self.outgoing = MQTTOutgoingBuffer(capacity: configuration.outgoingBufferCapacity)
    var logger = logger
    logger[metadataKey: "mqtt.client_id"] = "\(configuration.clientID)"
    logger[metadataKey: "mqtt.broker"] = "\(configuration.host):\(configuration.port)"
    self.logger = logger
  }

  /// Where the connection is in its life.
  public var connectionState: MQTTConnectionState { stateMachine.publicState }

  /// Counters of connections, buffered, dropped and retransmitted messages.
  public var statistics: MQTTClientStatistics {
    var stats = stats
    stats.droppedOutgoing = outgoing.droppedCount
    stats.bufferedOutgoing = outgoing.count
    stats.inflight = inflight.count
    return stats
  }

  /// Connects and returns once the broker accepted CONNECT. Without `retryUntilConnected` the first
  /// failure is thrown; with it, network failures and "server unavailable" are retried with backoff.
  /// Either way, a connection lost later is re-established automatically until `disconnect()`.
  public func connect(retryUntilConnected: Bool = false) async throws(MQTTError) {
    try configuration.validate()
    let action = stateMachine.connect(retrying: retryUntilConnected)
    switch action {
    case .alreadyConnected: return
    case .rejectWhileDisconnecting: throw .disconnected
    case .openConnection, .waitForConnection: break
    }
    let result = await withCheckedContinuation { continuation in
      connectWaiters.append(continuation)
      if case .openConnection(let attempt) = action { openConnection(attempt: attempt) }
    }
    try result.get()
  }

  /// Sends DISCONNECT (so the broker discards the last will) and closes. Messages not yet
  /// acknowledged and pending requests fail with `.disconnected`; subscription streams finish.
  public func disconnect() async {
    let action = stateMachine.disconnect()
    failEverything(with: .disconnected)
    reconnectTimer?.cancel()
    reconnectTimer = nil
    switch action {
    case .sendDisconnectAndClose:
      let channel = invalidateConnection()
      if let channel {
        try? await channel.writeAndFlush(MQTTPacket.disconnect).get()
        try? await channel.close().get()
      }
      stateMachine.disconnectCompleted()
      logger.info("disconnected")
    case .closeConnection:
      invalidateConnection()?.close(promise: nil)
      logger.info("connection attempt abandoned by disconnect()")
    case .cancelReconnect:
      logger.info("reconnecting stopped by disconnect()")
    case .ignore:
      break
    }
  }

  /// Fails every waiting operation and forgets the session's client-side state.
  private func failEverything(with error: MQTTError) {
    for waiter in connectWaiters { waiter.resume(returning: .failure(error)) }
    connectWaiters.removeAll()
    for pending in outgoing.removeAll() { pending.waiter?.resume(returning: .failure(error)) }
    for pending in inflight.values { pending.waiter?.resume(returning: .failure(error)) }
    inflight.removeAll()
    for request in pendingRequests.values { request.fail(with: error) }
    pendingRequests.removeAll()
    packetIDs.releaseAll()
    for route in routes.values { route.continuation.finish() }
    routes.removeAll()
    subscriptions.removeAll()
  }

  /// The next number of the order in which messages and requests were made (kept when resending).
  func makeSequence() -> UInt64 {
    nextSequence += 1
    return nextSequence
  }
}

extension MQTTClient {
  /// The live connection (or attempt) and its timers.
  struct Connection {
    let generation: UInt64
    var channel: (any Channel)?
    var connectTimeout: Scheduled<Void>?
    var keepAlive: RepeatedTask?
  }

  /// A message waiting to be sent or acknowledged; `waiter` is nil for `enqueue`.
  struct PendingPublish {
    var message: MQTTMessage
    var waiter: CheckedContinuation<Result<Void, MQTTError>, Never>?
    var sequence: UInt64
  }

  /// A SUBSCRIBE or UNSUBSCRIBE awaiting its acknowledgement (resent after a reconnect).
  enum PendingRequest {
    case subscribe(
      MQTTSubscribe, filters: [MQTTTopicFilter], route: UInt64?,
      waiter: CheckedContinuation<Result<SubscribeOutcome, MQTTError>, Never>?, sequence: UInt64)
    case unsubscribe(
      MQTTUnsubscribe, filters: [MQTTTopicFilter],
      waiter: CheckedContinuation<Result<Void, MQTTError>, Never>, sequence: UInt64)

    var packet: MQTTPacket {
      switch self {
      case .subscribe(let subscribe, _, _, _, _): .subscribe(subscribe)
      case .unsubscribe(let unsubscribe, _, _, _): .unsubscribe(unsubscribe)
      }
    }

    var sequence: UInt64 {
      switch self {
      case .subscribe(_, _, _, _, let sequence), .unsubscribe(_, _, _, let sequence): sequence
      }
    }

    func fail(with error: MQTTError) {
      switch self {
      case .subscribe(_, _, _, let waiter, _): waiter?.resume(returning: .failure(error))
      case .unsubscribe(_, _, let waiter, _): waiter.resume(returning: .failure(error))
      }
    }
  }

  /// What the broker granted and refused for one SUBSCRIBE.
  struct SubscribeOutcome {
    var granted: [MQTTTopicFilter: MQTTQoS]
    var refused: [MQTTTopicFilter]
  }

  /// A subscription stream and the filters whose messages it receives.
  struct Route {
    var filters: [MQTTTopicFilter]
    let continuation: AsyncStream<MQTTMessage>.Continuation
  }
}
