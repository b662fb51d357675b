import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import MQTT

/// Recovery paths a real broker will not show on demand, against a scripted server.
@Suite("Client recovery against a scripted broker")
struct MQTTClientRecoveryTests {
  private func publishes(_ broker: FakeBroker, connection: Int) -> [MQTTPublish] {
    broker.received.compactMap {
      guard $0.connection == connection, case .publish(let publish) = $0.packet else { return nil }
      return publish
    }
  }

  @Test("QoS 1 messages unacknowledged when the connection drops are resent with DUP and their packet ids")
  func retransmitsWithDuplicateFlag() async throws {
    let swallowed = NIOLockedValueBox(0)
    let broker = try await FakeBroker.start { connection, packet in
      guard connection == 1, case .publish = packet else { return FakeBroker.acknowledge(packet) }
      let count = swallowed.withLockedValue { count in
        count += 1
        return count
      }
      return count == 3 ? [.close] : []
    }
    let client = MQTTClient(
      configuration: testConfiguration(port: broker.port, clientID: "retransmitter"), logger: quietLogger)
    try await client.connect()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 1...3 {
        group.addTask {
          try await client.publish(topic: "r/\(index)", payload: ByteBuffer(string: "\(index)"))
        }
      }
      try await group.waitForAll()
    }
    let first = publishes(broker, connection: 1)
    let second = publishes(broker, connection: 2)
    #expect(first.count == 3)
    #expect(first.allSatisfy { !$0.duplicate })
    #expect(second.allSatisfy { $0.duplicate })
    #expect(Set(second.map(\.packetID)) == Set(first.map(\.packetID)))
    #expect(Set(second.map(\.message)) == Set(first.map(\.message)))
    #expect(second.map(\.packetID) == first.map(\.packetID), "resent in the original order")
    #expect(await client.statistics.retransmitted == 3)
    await client.disconnect()
    await broker.stop()
  }

  @Test("a SUBSCRIBE unanswered when the connection drops is resent and completes after the reconnect")
  func pendingSubscribeSurvivesReconnect() async throws {
    let broker = try await FakeBroker.start { connection, packet in
      if connection == 1, case .subscribe = packet { return [.close] }
      return FakeBroker.acknowledge(packet)
    }
    let client = MQTTClient(
      configuration: testConfiguration(port: broker.port, clientID: "subscriber"), logger: quietLogger)
    try await client.connect()
    let subscription = try await client.subscribe(["a/#": .atLeastOnce, "b": .atMostOnce])
    #expect(
      subscription.granted == [
        try MQTTTopicFilter("a/#"): .atLeastOnce, try MQTTTopicFilter("b"): .atMostOnce,
      ])
    #expect(subscription.refused.isEmpty)
    #expect(broker.connectionCount == 2)
    await client.disconnect()
    await broker.stop()
  }

  @Test("a malformed packet from the broker closes the connection with a logged reason, then reconnects")
  func malformedPacketClosesAndReconnects() async throws {
    let broker = try await FakeBroker.start { connection, packet in
      // After CONNACK, connection 1 gets a PUBLISH with QoS 3, which does not exist.
      if connection == 1, case .connect = packet {
        return FakeBroker.acknowledge(packet) + [.raw([0x36, 0x00])]
      }
      return FakeBroker.acknowledge(packet)
    }
    let recorder = LogRecorder()
    let client = MQTTClient(
      configuration: testConfiguration(port: broker.port, clientID: "strict"), logger: recorder.logger())
    try await client.connect()
    #expect(await eventually { await client.statistics.connections == 2 })
    let warning = recorder.all.first { $0.level == .warning && $0.metadata["mqtt.reason"] != nil }
    #expect(warning?.message == "connection lost; reconnecting")
    #expect(
      warning?.metadata["mqtt.reason"]
        == "broker sent a malformed packet (QoS 3 does not exist (0, 1, 2 only)); connection closed")
    #expect(warning?.metadata["mqtt.client_id"] == "strict")
    #expect(warning?.metadata["mqtt.broker"] == "127.0.0.1:\(broker.port)")
    await client.disconnect()
    await broker.stop()
  }

  @Test("a malformed CONNACK makes connect() throw the decoding error")
  func malformedConnAckFailsConnect() async throws {
    let broker = try await FakeBroker.start { _, packet in
      if case .connect = packet { return [.raw([0x20, 0x02, 0x00, 0x09])] }
      return []
    }
    let client = MQTTClient(
      configuration: testConfiguration(port: broker.port, clientID: "c"), logger: quietLogger)
    await #expect(throws: MQTTError.protocolViolation(.unknownConnectReturnCode(9))) {
      try await client.connect()
    }
    #expect(await client.connectionState == .idle)
    await broker.stop()
  }

  @Test("a PINGREQ left unanswered for a keep-alive interval closes the connection, which is re-established")
  func missingPingResponseReconnects() async throws {
    let broker = try await FakeBroker.start { connection, packet in
      if connection == 1, case .pingReq = packet { return [] }
      return FakeBroker.acknowledge(packet)
    }
    let recorder = LogRecorder()
    var configuration = testConfiguration(port: broker.port, clientID: "pinger")
    configuration.keepAliveSeconds = 1
    let client = MQTTClient(configuration: configuration, logger: recorder.logger())
    try await client.connect()
    #expect(await eventually { await client.statistics.connections == 2 })
    #expect(broker.received.contains { $0.connection == 1 && $0.packet == .pingReq })
    #expect(
      recorder.all.contains {
        $0.metadata["mqtt.reason"] == MQTTError.keepAliveTimeout(seconds: 1).description
      })
    await client.disconnect()
    await broker.stop()
  }

  @Test("a broker refusing the credentials makes connect() throw the return code, without retrying")
  func refusedConnection() async throws {
    let broker = try await FakeBroker.start { _, packet in
      if case .connect = packet {
        return [.packet(.connAck(MQTTConnAck(sessionPresent: false, returnCode: .badUsernameOrPassword)))]
      }
      return []
    }
    var configuration = testConfiguration(port: broker.port, clientID: "c")
    configuration.credentials = MQTTCredentials(username: "u", password: "wrong")
    let client = MQTTClient(configuration: configuration, logger: quietLogger)
    await #expect(throws: MQTTError.connectionRefused(.badUsernameOrPassword)) {
      try await client.connect(retryUntilConnected: true)
    }
    #expect(broker.connectionCount == 1)
    guard case .connect(let connect) = broker.received.first?.packet else {
      Issue.record("no CONNECT received")
      return
    }
    #expect(connect.username == "u")
    #expect(connect.password == Array("wrong".utf8))
    await broker.stop()
  }

  @Test("with retryUntilConnected, 'server unavailable' is retried until the broker accepts")
  func retriesUnavailableServer() async throws {
    let broker = try await FakeBroker.start { connection, packet in
      guard case .connect = packet else { return FakeBroker.acknowledge(packet) }
      let code: MQTTConnectReturnCode = connection < 3 ? .serverUnavailable : .accepted
      return [.packet(.connAck(MQTTConnAck(sessionPresent: false, returnCode: code)))]
    }
    let client = MQTTClient(
      configuration: testConfiguration(port: broker.port, clientID: "patient"), logger: quietLogger)
    try await client.connect(retryUntilConnected: true)
    #expect(broker.connectionCount == 3)
    #expect(await client.connectionState == .connected)
    await client.disconnect()
    await broker.stop()
  }

  @Test("no CONNACK within the connect timeout makes connect() throw a timeout")
  func connectTimeout() async throws {
    let broker = try await FakeBroker.start { _, _ in [] }
    var configuration = testConfiguration(port: broker.port, clientID: "c")
    configuration.connectTimeout = .milliseconds(200)
    let client = MQTTClient(configuration: configuration, logger: quietLogger)
    await #expect(throws: MQTTError.connectTimeout(.milliseconds(200))) { try await client.connect() }
    await broker.stop()
  }

  @Test("nothing listening on the port makes connect() throw a connection failure")
  func nothingListening() async throws {
    let broker = try await FakeBroker.start { _, _ in [] }
    let port = broker.port
    await broker.stop()
    let client = MQTTClient(configuration: testConfiguration(port: port, clientID: "c"), logger: quietLogger)
    let error = await #expect(throws: MQTTError.self) { try await client.connect() }
    guard case .connectionFailed? = error else {
      Issue.record("expected connectionFailed, got \(String(describing: error))")
      return
    }
  }

  @Test("a QoS 1 message from the broker is delivered to the stream and acknowledged with its packet id")
  func incomingQoS1IsAcknowledged() async throws {
    let broker = try await FakeBroker.start { _, packet in
      guard case .subscribe = packet else { return FakeBroker.acknowledge(packet) }
      let message = MQTTMessage(topic: "in/1", payload: "hello", qos: .atLeastOnce)
      return FakeBroker.acknowledge(packet) + [
        .packet(.publish(MQTTPublish(message: message, packetID: 77, duplicate: true)))
      ]
    }
    let client = MQTTClient(
      configuration: testConfiguration(port: broker.port, clientID: "c"), logger: quietLogger)
    try await client.connect()
    let subscription = try await client.subscribe(to: "in/+")
    #expect(texts(await collect(subscription.messages, count: 1)) == ["hello"])
    #expect(await eventually { broker.received.contains { $0.packet == .pubAck(packetID: 77) } })
    await client.disconnect()
    #expect(await eventually { broker.received.last?.packet == .disconnect })
    await broker.stop()
  }

  @Test("publishes made before connect() wait in the buffer and go out once connected")
  func publishesBeforeConnectAreBuffered() async throws {
    let broker = try await FakeBroker.start { _, packet in FakeBroker.acknowledge(packet) }
    let client = MQTTClient(
      configuration: testConfiguration(port: broker.port, clientID: "early"), logger: quietLogger)
    try await client.enqueue(MQTTMessage(topic: "early/1", payload: "1"))
    let waiting = Task {
      try await client.publish(MQTTMessage(topic: "early/2", payload: "2", qos: .atMostOnce))
    }
    #expect(await eventually { await client.statistics.bufferedOutgoing == 2 })
    try await client.connect()
    try await waiting.value
    #expect(
      await eventually {
        self.publishes(broker, connection: 1).map(\.message.topic) == ["early/1", "early/2"]
      })
    await client.disconnect()
    await broker.stop()
  }

  @Test("disconnect() fails what is still waiting with .disconnected")
  func disconnectFailsWaiters() async throws {
    let broker = try await FakeBroker.start { _, packet in
      if case .publish = packet { return [] }
      return FakeBroker.acknowledge(packet)
    }
    let client = MQTTClient(
      configuration: testConfiguration(port: broker.port, clientID: "c"), logger: quietLogger)
    try await client.connect()
    let waiting = Task { try await client.publish(MQTTMessage(topic: "never/acked", payload: "x")) }
    #expect(await eventually { await client.statistics.inflight == 1 })
    await client.disconnect()
    await #expect(throws: MQTTError.disconnected) { try await waiting.value }
    #expect(await client.connectionState == .idle)
    await broker.stop()
  }
}
