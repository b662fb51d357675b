import Logging
import MQTT
import ServiceLifecycle
import Wire

/// Feeds the fleet state from a broker: subscribes to every device topic and stays subscribed across
/// broker restarts (the client reconnects and resubscribes). A malformed message is logged with its
/// reason and counted, never fatal.
struct TelemetrySubscriber: Service {
  let client: MQTTClient
  let fleet: FleetState
  let logger: Logger

  func run() async throws {
    let client = client
    await withGracefulShutdownHandler {
      do {
        try await client.connect(retryUntilConnected: true)
        let subscription = try await client.subscribe(to: Topics.allDevices, qos: .atLeastOnce)
        logger.info(
          "fleet state fed by MQTT",
          metadata: [
            "mqtt.broker": "\(client.configuration.host):\(client.configuration.port)",
            "mqtt.filter": "\(Topics.allDevices)",
          ])
        for await message in subscription.messages { await consume(message) }
      } catch MQTTError.disconnected {
        return
      } catch {
        logger.error("telemetry subscription to the MQTT broker failed: \(error)")
      }
    } onGracefulShutdown: {
      Task { await client.disconnect() }
    }
    await client.disconnect()
  }

  /// Decodes one message into the fleet state, or counts it as malformed.
  func consume(_ message: MQTTMessage) async {
    do {
      let event = try TelemetryEvent(topic: message.topic, payload: Array(message.payload.readableBytesView))
      await fleet.ingest(event, retained: message.retain)
    } catch {
      logger.warning(
        "malformed telemetry refused", metadata: ["mqtt.topic": "\(message.topic)", "reason": "\(error)"])
      await fleet.recordMalformed(reason: error.description)
    }
  }
}

/// Re-judges stale devices and refreshes the fleet gauges on a fixed period.
struct FleetSweepService: Service {
  let fleet: FleetState

  func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        await fleet.sweep()
        try? await Task.sleep(for: fleet.configuration.sweepInterval)
      }
    }
  }
}
