import Wire

/// Where a device's telemetry goes (MQTT, the in-process demo, a log). `publish` hands an event over without
/// waiting, so a slow or dead broker never stalls the inference loop; `finish` delivers what is buffered.
public protocol TelemetrySink: Sendable {
  /// Hands `event` over; returns at once (a full buffer drops the oldest event).
  func publish(_ event: TelemetryEvent)
  /// Delivers the events handed over so far (as far as the transport allows) and stops.
  func finish() async
}
