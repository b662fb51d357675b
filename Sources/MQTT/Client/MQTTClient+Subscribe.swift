import Logging

/// Subscribing, unsubscribing and routing received messages to subscription streams.
extension MQTTClient {
  /// Subscribes to `filters` (each with the maximum QoS wanted) and returns once the broker answered.
  /// Called while not connected, the SUBSCRIBE is sent when the connection is (re-)established.
  /// Subscriptions are restored after a reconnect that finds no session on the broker.
  public func subscribe(_ filters: [String: MQTTQoS]) async throws(MQTTError) -> MQTTSubscription {
    let ordered = filters.sorted { $0.key < $1.key }
    let parsed = try Self.parse(ordered.map(\.key))
    let packetID = try allocateRequestID()
    let (messages, routeID) = addRoute(parsed)
    let packet = MQTTSubscribe(
      packetID: packetID, entries: ordered.map { MQTTSubscribe.Entry(filter: $0.key, qos: $0.value) })
    let result = await withCheckedContinuation { waiter in
      pendingRequests[packetID] = .subscribe(
        packet, filters: parsed, route: routeID, waiter: waiter, sequence: makeSequence())
      if stateMachine.isConnected { send(.subscribe(packet)) }
    }
    let outcome = try result.get()
    return MQTTSubscription(messages: messages, granted: outcome.granted, refused: outcome.refused)
  }

  /// A stream of the received messages that match `filters`, without subscribing: for the messages
  /// a persistent session (`cleanSession == false`) delivers right after CONNACK, call this before
  /// `connect()`. Messages no stream matches are acknowledged and counted in
  /// `statistics.unroutedIncoming`. The stream ends on `disconnect()` or when its filters are unsubscribed.
  public func messages(matching filters: [String]) throws(MQTTError) -> AsyncStream<MQTTMessage> {
    addRoute(try Self.parse(filters)).messages
  }

  private static func parse(_ filters: [String]) throws(MQTTError) -> [MQTTTopicFilter] {
    var parsed: [MQTTTopicFilter] = []
    for filter in filters {
      do {
        parsed.append(try MQTTTopicFilter(filter))
      } catch {
        throw .invalidTopic(error)
      }
    }
    if parsed.isEmpty { throw .invalidTopic(MQTTTopicError(topic: "", isFilter: true, reason: .empty)) }
    return parsed
  }

  /// Registers a stream for the messages matching `filters`; it unregisters itself when its reader stops.
  private func addRoute(_ filters: [MQTTTopicFilter]) -> (messages: AsyncStream<MQTTMessage>, routeID: UInt64)
  {
    let (messages, continuation) = AsyncStream.makeStream(
      of: MQTTMessage.self, bufferingPolicy: .bufferingNewest(configuration.subscriptionBufferCapacity))
    nextRouteID += 1
    let routeID = nextRouteID
    routes[routeID] = Route(filters: filters, continuation: continuation)
    continuation.onTermination = { [weak self] _ in
      guard let self else { return }
      eventLoop.execute { self.assumeIsolated { _ = $0.routes.removeValue(forKey: routeID) } }
    }
    return (messages, routeID)
  }

  /// Subscribes to one filter; see `subscribe(_:)`.
  public func subscribe(to filter: String, qos: MQTTQoS = .atLeastOnce) async throws(MQTTError)
    -> MQTTSubscription
  {
    try await subscribe([filter: qos])
  }

  /// Unsubscribes from `filters` and returns once the broker acknowledged; streams left without
  /// filters finish.
  public func unsubscribe(_ filters: [String]) async throws(MQTTError) {
    let parsed = try Self.parse(filters)
    let packetID = try allocateRequestID()
    let packet = MQTTUnsubscribe(packetID: packetID, filters: parsed.map(\.string))
    let result = await withCheckedContinuation { waiter in
      pendingRequests[packetID] = .unsubscribe(
        packet, filters: parsed, waiter: waiter, sequence: makeSequence())
      if stateMachine.isConnected { send(.unsubscribe(packet)) }
    }
    try result.get()
  }

  private func allocateRequestID() throws(MQTTError) -> UInt16 {
    if case .disconnecting = stateMachine.state { throw .disconnected }
    guard let packetID = packetIDs.allocate() else { throw .packetIdentifiersExhausted }
    return packetID
  }

  /// Queues a SUBSCRIBE for every acknowledged filter, first in line (the broker lost the session).
  func resubscribe() {
    for (packetID, request) in pendingRequests where request.isResubscription {
      pendingRequests[packetID] = nil
      packetIDs.release(packetID)
    }
    guard !subscriptions.isEmpty, let packetID = packetIDs.allocate() else { return }
    let ordered = subscriptions.sorted { $0.key.string < $1.key.string }
    let packet = MQTTSubscribe(
      packetID: packetID, entries: ordered.map { MQTTSubscribe.Entry(filter: $0.key.string, qos: $0.value) })
    pendingRequests[packetID] = .subscribe(
      packet, filters: ordered.map(\.key), route: nil, waiter: nil,
      sequence: PendingRequest.resubscriptionSequence)
    logger.info("no session on the broker; resubscribing", metadata: ["mqtt.filters": "\(ordered.count)"])
  }

  /// A message arrived: hand it to every stream with a matching filter, then acknowledge it.
  func handleIncomingPublish(_ publish: MQTTPublish) {
    let topic = publish.message.topic
    var routed = false
    for route in routes.values where route.filters.contains(where: { $0.matches(topic) }) {
      routed = true
      if case .dropped = route.continuation.yield(publish.message) { stats.droppedIncoming += 1 }
    }
    if !routed {
      stats.unroutedIncoming += 1
      logger.debug("message matches no subscription stream", metadata: ["mqtt.topic": "\(topic)"])
    }
    if let packetID = publish.packetID { send(.pubAck(packetID: packetID)) }
  }

  /// The broker answered a SUBSCRIBE.
  func handleSubAck(_ subAck: MQTTSubAck, generation: UInt64) {
    guard
      case .subscribe(let packet, let filters, let routeID, let waiter, _)? = pendingRequests[subAck.packetID]
    else {
      logger.debug(
        "SUBACK for a packet identifier not pending; ignored",
        metadata: ["mqtt.packet_id": "\(subAck.packetID)"])
      return
    }
    guard subAck.returnCodes.count == filters.count else {
      connectionFailed(.unexpectedPacket(.subAck), generation: generation)
      return
    }
    pendingRequests[subAck.packetID] = nil
    packetIDs.release(subAck.packetID)
    var outcome = SubscribeOutcome(granted: [:], refused: [])
    for (index, code) in subAck.returnCodes.enumerated() {
      let filter = filters[index]
      switch code {
      case .granted(let qos):
        outcome.granted[filter] = qos
        subscriptions[filter] = packet.entries[index].qos
      case .failure:
        outcome.refused.append(filter)
        subscriptions[filter] = nil
      }
    }
    if !outcome.refused.isEmpty {
      logger.warning("broker refused subscriptions", metadata: ["mqtt.filters": "\(outcome.refused)"])
      if let routeID { removeFilters(outcome.refused, from: [routeID]) }
    }
    waiter?.resume(returning: .success(outcome))
  }

  /// The broker acknowledged an UNSUBSCRIBE.
  func handleUnsubAck(_ packetID: UInt16) {
    guard case .unsubscribe(_, let filters, let waiter, _)? = pendingRequests[packetID] else {
      logger.debug(
        "UNSUBACK for a packet identifier not pending; ignored", metadata: ["mqtt.packet_id": "\(packetID)"])
      return
    }
    pendingRequests[packetID] = nil
    packetIDs.release(packetID)
    for filter in filters { subscriptions[filter] = nil }
    removeFilters(filters, from: Array(routes.keys))
    waiter.resume(returning: .success(()))
  }

  /// Stops routing `filters` to the given streams; a stream left without filters finishes.
  private func removeFilters(_ filters: [MQTTTopicFilter], from routeIDs: [UInt64]) {
    for routeID in routeIDs {
      guard var route = routes[routeID] else { continue }
      route.filters.removeAll { filters.contains($0) }
      if route.filters.isEmpty {
        routes[routeID] = nil
        route.continuation.finish()
      } else {
        routes[routeID] = route
      }
    }
  }
}

extension MQTTClient.PendingRequest {
  /// The sequence of the client's own resubscription, so it is resent before any user request.
  static let resubscriptionSequence: UInt64 = 0

  /// Whether this is the client's own resubscription after a session loss.
  var isResubscription: Bool { sequence == Self.resubscriptionSequence }
}
