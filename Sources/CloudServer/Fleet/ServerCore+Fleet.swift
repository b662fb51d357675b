import MQTT
import ServiceLifecycle

extension ServerCore {
  /// The background work of the fleet state: the stale sweep, and the MQTT subscriber when a broker is configured.
  func fleetServices() -> [any Service] {
    let sweep = FleetSweepService(fleet: fleet)
    guard let broker = configuration.telemetryBroker else {
      logger.info(
        """
        no MQTT broker configured: the fleet state is fed in-process (CloudServer.fleet.ingest); \
        start with --mqtt mqtt://host:port to follow devices through a broker
        """)
      return [sweep]
    }
    var mqttLogger = logger
    mqttLogger[metadataKey: "component"] = "telemetry"
    return [
      sweep,
      TelemetrySubscriber(
        client: MQTTClient(configuration: broker, logger: mqttLogger), fleet: fleet, logger: mqttLogger),
    ]
  }
}
