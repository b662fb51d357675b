import Foundation
import Logging
import NIOCore
import Testing
import Wire

@testable import CloudServer
@testable import MQTT

@Suite("Fleet telemetry through a real mosquitto", .serialized)
struct FleetTelemetryTests {
  typealias E = TelemetryEvents

  private static func devices(_ server: TestServer) async throws -> [FleetDevice] {
    let reply = try await server.send(.GET, "/api/devices")
    return try reply.decode(DeviceList.self).devices
  }

  /// Waits until `condition` holds, checking every 20 ms, for at most 10 s; returns whether it held.
  private static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
      if try await condition() { return true }
      try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
  }

  private static func publisher(_ broker: LocalMosquitto, id: String) -> MQTTClient {
    var configuration = MQTTConfiguration(host: broker.host, port: broker.port, clientID: id)
    configuration.reconnectBackoff = MQTTBackoff(
      minimum: .milliseconds(20), maximum: .milliseconds(200), jitter: 0)
    return MQTTClient(
      configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
  }

  private static func publish(_ event: TelemetryEvent, with client: MQTTClient) async throws {
    try await client.publish(
      topic: event.topic, payload: ByteBuffer(bytes: event.payload()), qos: .atLeastOnce,
      retain: event.retained)
  }

  private static func startServer(_ broker: LocalMosquitto) async throws -> TestServer {
    var mqtt = MQTTConfiguration(host: broker.host, port: broker.port, clientID: "test-server")
    mqtt.reconnectBackoff = MQTTBackoff(minimum: .milliseconds(20), maximum: .milliseconds(200), jitter: 0)
    return try await TestServer.start { $0.telemetryBroker = mqtt }
  }

  @Test("devices publishing over MQTT appear in GET /api/devices with their model versions and counts")
  func devicesAppear() async throws {
    let broker = try await LocalMosquitto.start()
    let server = try await Self.startServer(broker)
    let client = Self.publisher(broker, id: "test-devices")
    do {
      try await client.connect()
      let ids = ["motor-01", "motor-02", "motor-03"]
      for (index, id) in ids.enumerated() {
        try await Self.publish(
          E.status(id, seq: 1, version: 3 + index, counts: DecisionCounts(normal: 10)), with: client)
      }
      // Status is retained: it reaches the server whenever its subscription starts; what follows is live.
      #expect(try await Self.eventually { try await Self.devices(server).count == 3 })
      for (index, id) in ids.enumerated() {
        try await Self.publish(E.inference(id, seq: 2, decision: .anomaly, version: 3 + index), with: client)
      }
      try await Self.publish(E.escalation("motor-01", seq: 3, classification: 1), with: client)
      try await client.publish(
        topic: "edge-ai/device/motor-01/status", payload: ByteBuffer(string: "{not json"))
      try await client.publish(
        topic: "edge-ai/device/motor-02/ota",
        payload: ByteBuffer(bytes: E.ota("motor-09", seq: 1, step: .check, from: 1, to: 2).payload()))
      #expect(try await Self.eventually { await server.server.fleet.overview().malformed.count == 2 })
      let devices = try await Self.devices(server)
      #expect(devices.map(\.id) == ["motor-01", "motor-02", "motor-03"])
      #expect(devices.map(\.modelVersion) == [3, 4, 5])
      #expect(devices.allSatisfy { $0.health == .ok && $0.counts == DecisionCounts(normal: 10) })
      #expect(devices.first?.lastDecision?.zone == .escalated)

      let one = try await server.send(.GET, "/api/devices/motor-02")
      #expect(one.status == 200)
      #expect(try one.decode(FleetDevice.self).modelVersion == 4)
      let unknown = try await server.send(.GET, "/api/devices/motor-99")
      #expect(unknown.status == 404)
      #expect(unknown.error.contains("motor-99"))

      await server.server.fleet.sweep()
      let metrics = String(decoding: try await server.send(.GET, "/metrics").body, as: UTF8.self)
      #expect(metrics.contains("edgehybrid_fleet_telemetry_malformed_total 2"))
      #expect(metrics.contains(#"edgehybrid_fleet_telemetry_messages_total{topic="inference"} 3"#))
      #expect(metrics.contains(#"edgehybrid_fleet_escalations_total{classification="anomaly"} 1"#))
      #expect(!metrics.contains("motor-01"))
      let grafana = try String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
          "../../docs/grafana/edgehybrid-fleet.json"), encoding: .utf8)
      let charted = Set(
        grafana.matches(of: /edgehybrid_fleet_[a-z_]+/).map {
          String($0.output).replacing(/_total$/, with: "")
        })
      #expect(charted.count >= 8)
      for name in charted {
        #expect(metrics.contains("\n\(name)"), "the Grafana dashboard charts \(name), which /metrics lacks")
      }
      let fleet = try await server.send(.GET, "/api/fleet")
      #expect(try fleet.decode(FleetOverview.self).summary.devices == 3)
    } catch {
      Issue.record("broker log:\n\(await broker.log())")
      throw error
    }
    await client.disconnect()
    try await server.stop()
    await broker.shutdown()
  }

  @Test("a device's last will turns it offline, and after a broker restart telemetry flows again")
  func lastWillAndBrokerRestart() async throws {
    let broker = try await LocalMosquitto.start()
    let server = try await Self.startServer(broker)
    var configuration = MQTTConfiguration(host: broker.host, port: broker.port, clientID: "motor-07")
    configuration.will = MQTTMessage(
      topic: Topics.status("motor-07"),
      payload: ByteBuffer(bytes: E.status("motor-07", seq: 0, state: .offline).payload()),
      qos: .atLeastOnce, retain: true)
    let device = MQTTClient(
      configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    do {
      try await device.connect()
      try await Self.publish(E.status("motor-07", seq: 1), with: device)
      #expect(try await Self.eventually { try await Self.devices(server).first?.health == .ok })
      await device.simulateConnectionLoss()
      await device.disconnect()
      #expect(try await Self.eventually { try await Self.devices(server).first?.health == .offline })

      await broker.stop()
      try await broker.start()
      let other = Self.publisher(broker, id: "test-after-restart")
      try await other.connect()
      try await Self.publish(E.status("motor-08", seq: 1, version: 9), with: other)
      #expect(
        try await Self.eventually { try await Self.devices(server).map(\.id) == ["motor-07", "motor-08"] })
      #expect(try await Self.devices(server).last?.modelVersion == 9)
      await other.disconnect()
    } catch {
      Issue.record("broker log:\n\(await broker.log())")
      throw error
    }
    try await server.stop()
    await broker.shutdown()
  }
}
