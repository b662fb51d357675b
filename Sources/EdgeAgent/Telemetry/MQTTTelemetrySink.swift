import Logging
import MQTT
import NIOCore
import Wire

/// Telemetry published to an MQTT broker at QoS 1, status retained, with a last will that marks the device
/// offline. Connecting and reconnecting happen in the background; until the broker answers, messages wait
/// in the client's bounded buffer, so a dead broker never stalls the device.
public final class MQTTTelemetrySink: TelemetrySink {
  /// The client (its configuration carries the last will).
  public let client: MQTTClient
  private let pump: TelemetryPump
  private let connecting: Task<Void, Never>

  /// A sink for device `deviceID` on the broker at `host:port`; the last will is `offline`, an `offline` status
  /// with seq 0 (fixed at connect time, so it cannot continue the device's counter).
  public init(
    host: String, port: Int, deviceID: String, modelVersion: Int = 0, capacity: Int = 4096,
    logger: Logger = Logger(label: "edgehybrid.telemetry.mqtt")
  ) {
    var configuration = MQTTConfiguration(host: host, port: port, clientID: "edgehybrid-\(deviceID)")
    let will = TelemetryEvent.status(
      StatusEvent(
        ts: .now(), seq: 0, deviceID: deviceID, state: .offline, modelVersion: modelVersion, uptimeS: 0,
        backoffS: 0, queueDepth: 0))
    configuration.will = Self.message(will)
    let client = MQTTClient(configuration: configuration, logger: logger)
    self.client = client
    connecting = Task {
      do {
        try await client.connect(retryUntilConnected: true)
      } catch {
        logger.error("MQTT broker \(host):\(port) refused the connection: \(error)")
      }
    }
    pump = TelemetryPump(capacity: capacity) { event in
      do {
        try await client.enqueue(Self.message(event))
      } catch {
        logger.warning("telemetry not sent: \(error)", metadata: ["topic": "\(event.topic)"])
      }
    }
  }

  /// The MQTT message of `event`: its topic and payload, QoS 1, retained for status.
  public static func message(_ event: TelemetryEvent) -> MQTTMessage {
    MQTTMessage(
      topic: event.topic, payload: ByteBuffer(bytes: event.payload()), qos: .atLeastOnce,
      retain: event.retained)
  }

  /// Queues `event` for the broker.
  public func publish(_ event: TelemetryEvent) { pump.publish(event) }

  /// Hands every queued event to the client, waits (briefly) for the broker to acknowledge, and disconnects
  /// cleanly (so the broker discards the last will: the device's own final status says offline).
  public func finish() async {
    await pump.finish()
    for _ in 0..<50 {
      let statistics = await client.statistics
      if statistics.bufferedOutgoing == 0 && statistics.inflight == 0 { break }
      try? await Task.sleep(for: .milliseconds(20))
    }
    connecting.cancel()
    await client.disconnect()
  }
}
