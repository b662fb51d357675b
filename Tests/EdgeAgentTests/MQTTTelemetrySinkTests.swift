import EdgeAgent
import EdgeCore
import MQTT
import Testing
import Wire

@Suite struct MQTTTelemetrySinkTests {
  @Test(.timeLimit(.minutes(1))) func telemetryReachesTheBrokerNumberedWithStatusRetainedAndAnOfflineWill()
    async throws
  {
    let broker = try await LocalMosquitto.start()
    let watcher = MQTTClient(
      configuration: MQTTConfiguration(host: broker.host, port: broker.port, clientID: "watcher"))
    try await watcher.connect()
    let live = try await watcher.subscribe(to: Topics.allDevices)
    let sink = MQTTTelemetrySink(host: broker.host, port: broker.port, deviceID: "pump-7")
    let telemetry = DeviceTelemetry(deviceID: "pump-7", sink: sink, clock: VirtualClock())
    telemetry.inference(mse: 0.5, decision: .anomaly, modelVersion: 3)
    telemetry.status(
      state: .online, modelVersion: 3, uptimeS: 1, backoffS: 60, queueDepth: 2,
      counts: DecisionCounts(anomaly: 1))
    await sink.finish()

    var received: [TelemetryEvent] = []
    for await message in live.messages {
      received.append(
        try TelemetryEvent(topic: message.topic, payload: Array(message.payload.readableBytesView)))
      if received.count == 2 { break }
    }
    #expect(received.map(\.seq) == [1, 2])
    #expect(received.map(\.kind) == [.inference, .status])

    let late = MQTTClient(
      configuration: MQTTConfiguration(host: broker.host, port: broker.port, clientID: "late"))
    try await late.connect()
    let retained = try await late.subscribe(to: Topics.status("pump-7"))
    var first: MQTTMessage?
    for await message in retained.messages {
      first = message
      break
    }
    #expect(first?.retain == true)
    let will = try #require(sink.client.configuration.will)
    guard
      case .status(let offline) = try TelemetryEvent(
        topic: will.topic, payload: Array(will.payload.readableBytesView))
    else {
      Issue.record("the last will is not a status")
      return
    }
    #expect(offline.state == .offline && will.retain && will.qos == .atLeastOnce)
    await late.disconnect()
    await watcher.disconnect()
    await broker.shutdown()
  }
}
