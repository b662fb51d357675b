/// Where OTA steps are published (MQTT, the in-process demo, a log, a test recorder).
public protocol OTAEventSink: Sendable {
  /// Publishes one step; must not block the updater for long.
  func publish(_ event: OTAStepEvent) async
}
