import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import MQTT

@Suite("Client against a real mosquitto")
struct MQTTClientBrokerTests {
  @Test("messages published at QoS 0 and QoS 1 reach the subscriber, in order, at the granted QoS")
  func publishSubscribeAtQoS0And1() async throws {
    try await withMosquitto { broker in
      let subscriber = makeClient(broker, clientID: "subscriber")
      let publisher = makeClient(broker, clientID: "publisher")
      try await subscriber.connect()
      try await publisher.connect()
      let atLeastOnce = try await subscriber.subscribe(to: "test/one", qos: .atLeastOnce)
      let atMostOnce = try await subscriber.subscribe(to: "test/zero", qos: .atMostOnce)
      #expect(atLeastOnce.granted == [try MQTTTopicFilter("test/one"): .atLeastOnce])
      #expect(atMostOnce.granted == [try MQTTTopicFilter("test/zero"): .atMostOnce])

      for index in 1...20 {
        try await publisher.publish(
          topic: "test/one", payload: ByteBuffer(string: "one-\(index)"), qos: .atLeastOnce)
        try await publisher.publish(
          topic: "test/zero", payload: ByteBuffer(string: "zero-\(index)"), qos: .atMostOnce)
      }
      let ones = await collect(atLeastOnce.messages, count: 20)
      let zeros = await collect(atMostOnce.messages, count: 20)
      #expect(texts(ones) == (1...20).map { "one-\($0)" })
      #expect(ones.allSatisfy { $0.qos == .atLeastOnce && !$0.retain && $0.topic == "test/one" })
      #expect(texts(zeros) == (1...20).map { "zero-\($0)" })
      #expect(zeros.allSatisfy { $0.qos == .atMostOnce })
      #expect(await publisher.statistics.inflight == 0)
      await publisher.disconnect()
      await subscriber.disconnect()
    }
  }

  @Test("many concurrent QoS 1 publishes through a small in-flight window all complete, each delivered once")
  func concurrentPublishesShareTheWindow() async throws {
    try await withMosquitto { broker in
      let subscriber = makeClient(broker, clientID: "subscriber")
      let publisher = makeClient(broker, clientID: "publisher") { $0.maximumInflight = 8 }
      try await subscriber.connect()
      try await publisher.connect()
      let subscription = try await subscriber.subscribe(to: "load/#")
      try await withThrowingTaskGroup(of: Void.self) { group in
        for index in 0..<400 {
          group.addTask {
            try await publisher.publish(topic: "load/\(index % 7)", payload: ByteBuffer(string: "\(index)"))
          }
        }
        try await group.waitForAll()
      }
      let received = await collect(subscription.messages, count: 400)
      #expect(Set(texts(received)) == Set((0..<400).map(String.init)))
      #expect(received.count == 400)
      await publisher.disconnect()
      await subscriber.disconnect()
    }
  }

  @Test("a retained message reaches a subscriber that comes later, flagged retained; live copies are not")
  func retainedMessageForLaterSubscriber() async throws {
    try await withMosquitto { broker in
      let device = makeClient(broker, clientID: "device")
      try await device.connect()
      try await device.publish(
        MQTTMessage(topic: "dev/d1/status", payload: #"{"state":"online"}"#, retain: true))

      let dashboard = makeClient(broker, clientID: "dashboard")
      try await dashboard.connect()
      let status = try await dashboard.subscribe(to: "dev/+/status")
      let retained = await collect(status.messages, count: 1)
      #expect(retained.map(\.payloadString) == [#"{"state":"online"}"#])
      #expect(retained.first?.retain == true)

      try await device.publish(
        MQTTMessage(topic: "dev/d1/status", payload: #"{"state":"busy"}"#, retain: true))
      let live = await collect(status.messages, count: 1)
      #expect(live.map(\.payloadString) == [#"{"state":"busy"}"#])
      #expect(live.first?.retain == false, "a copy sent to an existing subscription carries retain 0")
      await device.disconnect()
      await dashboard.disconnect()
    }
  }

  @Test("the last will is published when the connection is cut without DISCONNECT, and not after a clean one")
  func lastWillOnConnectionCut() async throws {
    try await withMosquitto { broker in
      let watcher = makeClient(broker, clientID: "watcher")
      try await watcher.connect()
      let status = try await watcher.subscribe(to: "dev/+/status")

      func device(_ id: String) -> MQTTClient {
        makeClient(broker, clientID: id) {
          $0.will = MQTTMessage(
            topic: "dev/\(id)/status", payload: "offline", qos: .atLeastOnce, retain: true)
        }
      }
      let cut = device("d1")
      try await cut.connect()
      try await cut.publish(MQTTMessage(topic: "dev/d1/status", payload: "online", retain: true))
      #expect(texts(await collect(status.messages, count: 1)) == ["online"])
      await cut.simulateConnectionLoss()
      await cut.disconnect()
      let will = await collect(status.messages, count: 1)
      #expect(will.map(\.topic) == ["dev/d1/status"])
      #expect(texts(will) == ["offline"])
      #expect(will.first?.qos == .atLeastOnce)

      let clean = device("d2")
      try await clean.connect()
      try await clean.publish(MQTTMessage(topic: "dev/d2/status", payload: "online", retain: true))
      await clean.disconnect()
      try await Task.sleep(for: .milliseconds(100))
      try await watcher.publish(MQTTMessage(topic: "dev/d2/status", payload: "end"))
      #expect(
        texts(await collect(status.messages, count: 2)) == ["online", "end"], "no will after DISCONNECT")
      await watcher.disconnect()
    }
  }

  @Test("filters with + and # route each message to exactly the subscribers whose filter matches")
  func wildcardRouting() async throws {
    try await withMosquitto { broker in
      let filters = ["edge/+/status", "edge/#", "edge/dev1/+", "+/dev1/#", "edge/dev1/status"]
      var streams: [String: AsyncStream<MQTTMessage>] = [:]
      var clients: [MQTTClient] = []
      for (index, filter) in filters.enumerated() {
        let client = makeClient(broker, clientID: "router-\(index)")
        try await client.connect()
        streams[filter] = try await client.subscribe(to: filter).messages
        clients.append(client)
      }
      let topics = [
        "edge/dev1/status", "edge/dev2/inference", "edge/dev1/a/b", "edge", "other/dev1/x",
        "edge/dev2/status",
        "edge/dev1",
      ]
      let publisher = makeClient(broker, clientID: "publisher")
      try await publisher.connect()
      for topic in topics { try await publisher.publish(topic: topic, payload: ByteBuffer(string: topic)) }
      // A last message every filter matches: what has not arrived before it never will.
      try await publisher.publish(topic: "edge/dev1/status", payload: ByteBuffer(string: "end"))

      let expected: [String: [String]] = [
        "edge/+/status": ["edge/dev1/status", "edge/dev2/status"],
        "edge/#": [
          "edge/dev1/status", "edge/dev2/inference", "edge/dev1/a/b", "edge", "edge/dev2/status", "edge/dev1",
        ],
        "edge/dev1/+": ["edge/dev1/status"],
        "+/dev1/#": ["edge/dev1/status", "edge/dev1/a/b", "other/dev1/x", "edge/dev1"],
        "edge/dev1/status": ["edge/dev1/status"],
      ]
      for filter in filters {
        let received = await collect(streams[filter]!) { $0.last?.payloadString == "end" }
        #expect(texts(received).dropLast() == expected[filter]![...], "filter \(filter)")
      }
      for client in clients + [publisher] { await client.disconnect() }
    }
  }

  @Test("unsubscribing stops delivery and finishes the stream; other subscriptions keep flowing")
  func unsubscribeFinishesStream() async throws {
    try await withMosquitto { broker in
      let client = makeClient(broker, clientID: "client")
      try await client.connect()
      let dropped = try await client.subscribe(to: "u/a")
      let kept = try await client.subscribe(to: "u/b")
      try await client.unsubscribe(["u/a"])
      #expect(await finishes(dropped.messages))
      try await client.publish(topic: "u/a", payload: ByteBuffer(string: "to nobody"))
      try await client.publish(topic: "u/b", payload: ByteBuffer(string: "kept"))
      #expect(texts(await collect(kept.messages, count: 1)) == ["kept"])
      #expect(await client.statistics.unroutedIncoming == 0, "the broker no longer sends u/a")
      await client.disconnect()
      #expect(await finishes(kept.messages), "disconnect() finishes every stream")
    }
  }

  @Test("after a broker restart that lost the session, the client resubscribes by itself")
  func resubscribesAfterSessionLoss() async throws {
    try await withMosquitto { broker in
      let client = makeClient(broker, clientID: "echo")
      try await client.connect()
      let echo = try await client.subscribe(to: "echo/#")
      try await client.publish(topic: "echo/1", payload: ByteBuffer(string: "before"))
      #expect(texts(await collect(echo.messages, count: 1)) == ["before"])

      await broker.stop()
      #expect(await eventually { await client.connectionState != .connected })
      try await broker.start()
      #expect(await eventually { await client.statistics.connections == 2 })
      try await client.publish(topic: "echo/2", payload: ByteBuffer(string: "after"))
      #expect(texts(await collect(echo.messages, count: 1)) == ["after"])
      await client.disconnect()
    }
  }

  @Test(
    "QoS 1 messages published before, during and after a broker restart are all delivered at least once"
  )
  func atLeastOnceAcrossBrokerRestart() async throws {
    // At least once across a broker restart needs three things: the broker persists sessions and
    // queued messages (persistence, saved on SIGTERM), the subscriber keeps its session
    // (cleanSession = false), and the publisher retransmits what was not acknowledged.
    try await withMosquitto(persistent: true) { broker in
      let subscriberLog = LogRecorder()
      let subscriber = makeClient(broker, clientID: "persistent-subscriber", logger: subscriberLog.logger()) {
        $0.cleanSession = false
      }
      let publisher = makeClient(broker, clientID: "publisher") { $0.maximumInflight = 10 }
      try await subscriber.connect()
      try await publisher.connect()
      let subscription = try await subscriber.subscribe(to: "seq/#", qos: .atLeastOnce)
      let received = NIOLockedValueBox<[String]>([])
      let reader = Task {
        for await message in subscription.messages {
          received.withLockedValue { $0.append(message.payloadString) }
        }
      }

      // Five lanes keep publishing (each waits for its PUBACK) while the broker goes away and back.
      let lanes = 5
      let steady = 1...150
      let publishing = Task {
        try await withThrowingTaskGroup(of: Void.self) { group in
          for lane in 0..<lanes {
            group.addTask {
              for index in steady where index % lanes == lane {
                try await publisher.publish(
                  topic: "seq/\(index % 3)", payload: ByteBuffer(string: "\(index)"))
                try await Task.sleep(for: .milliseconds(2))
              }
            }
          }
          try await group.waitForAll()
        }
      }
      #expect(await eventually { received.withLockedValue { $0.count } >= 40 })
      await broker.stop()
      #expect(await eventually { await publisher.connectionState != .connected })
      let duringOutage = 1001...1020
      for index in duringOutage {
        try await publisher.enqueue(MQTTMessage(topic: "seq/outage", payload: "\(index)"))
      }
      try await Task.sleep(for: .milliseconds(300))
      try await broker.start()
      #expect(await eventually { await publisher.connectionState == .connected })
      let afterOutage = 2001...2010
      for index in afterOutage {
        try await publisher.publish(topic: "seq/after", payload: ByteBuffer(string: "\(index)"))
      }
      try await publishing.value

      let expected = Set((Array(steady) + Array(duringOutage) + Array(afterOutage)).map(String.init))
      #expect(
        await eventually(timeout: .seconds(15)) {
          Set(received.withLockedValue { $0 }).isSuperset(of: expected)
        })
      let all = received.withLockedValue { $0 }
      #expect(Set(all) == expected, "nothing but the published messages")
      #expect(expected.subtracting(all).isEmpty, "missing: \(expected.subtracting(all).sorted())")
      let publisherStatistics = await publisher.statistics
      #expect(publisherStatistics.connections == 2)
      #expect(publisherStatistics.inflight == 0 && publisherStatistics.bufferedOutgoing == 0)
      #expect(publisherStatistics.droppedOutgoing == 0)
      #expect(await subscriber.statistics.connections == 2)
      #expect(
        sessionsPresent(in: subscriberLog) == ["false", "true"], "the broker kept the subscriber's session")
      reader.cancel()
      await publisher.disconnect()
      await subscriber.disconnect()
    }
  }

  @Test("a persistent session's queued messages reach a stream a new client opens before connecting")
  func queuedMessagesReachSubscriptionMadeBeforeConnect() async throws {
    try await withMosquitto { broker in
      let first = makeClient(broker, clientID: "resuming") { $0.cleanSession = false }
      try await first.connect()
      _ = try await first.subscribe(to: "queue/#")
      await first.disconnect()

      let publisher = makeClient(broker, clientID: "publisher")
      try await publisher.connect()
      for index in 1...3 {
        try await publisher.publish(topic: "queue/\(index)", payload: ByteBuffer(string: "\(index)"))
      }
      await publisher.disconnect()

      let second = makeClient(broker, clientID: "resuming") { $0.cleanSession = false }
      let stream = try await second.messages(matching: ["queue/#"])
      try await second.connect()
      let queued = await collect(stream, count: 3)
      #expect(texts(queued) == ["1", "2", "3"])
      #expect(await second.statistics.unroutedIncoming == 0)
      await second.disconnect()
    }
  }

  @Test("while the broker is down, a full outgoing buffer drops the oldest messages and counts them")
  func boundedBufferDropsOldest() async throws {
    try await withMosquitto(persistent: true) { broker in
      let subscriberLog = LogRecorder()
      let subscriber = makeClient(broker, clientID: "buffer-subscriber", logger: subscriberLog.logger()) {
        $0.cleanSession = false
      }
      let publisher = makeClient(broker, clientID: "buffer-publisher") { $0.outgoingBufferCapacity = 5 }
      try await subscriber.connect()
      try await publisher.connect()
      let subscription = try await subscriber.subscribe(to: "buf/#")

      await broker.stop()
      #expect(await eventually { await publisher.connectionState != .connected })
      let evicted = Task { try await publisher.publish(MQTTMessage(topic: "buf/x", payload: "0")) }
      #expect(await eventually { await publisher.statistics.bufferedOutgoing == 1 })
      for index in 1...12 { try await publisher.enqueue(MQTTMessage(topic: "buf/x", payload: "\(index)")) }
      let statistics = await publisher.statistics
      #expect(statistics.droppedOutgoing == 8)
      #expect(statistics.bufferedOutgoing == 5)
      await #expect(throws: MQTTError.droppedFromBuffer(capacity: 5)) { try await evicted.value }

      try await broker.start()
      #expect(texts(await collect(subscription.messages, count: 5)) == ["8", "9", "10", "11", "12"])
      #expect(
        sessionsPresent(in: subscriberLog) == ["false", "true"], "the broker kept the subscriber's session")
      await publisher.disconnect()
      await subscriber.disconnect()
    }
  }

  /// The session-present flag of every CONNACK the client logged, in order.
  private func sessionsPresent(in log: LogRecorder) -> [String] {
    log.all.filter { $0.message == "connected" }.compactMap { $0.metadata["mqtt.session_present"] }
  }
}
