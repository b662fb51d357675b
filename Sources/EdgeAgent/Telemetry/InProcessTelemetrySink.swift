import Wire

/// Telemetry delivered inside the process, in order, to a handler (the broker-less demo connects it to the
/// server's fleet state).
public final class InProcessTelemetrySink: TelemetrySink {
  private let pump: TelemetryPump

  /// A sink that calls `deliver` for each event, keeping at most `capacity` events waiting.
  public init(capacity: Int = 4096, deliver: @escaping @Sendable (TelemetryEvent) async -> Void) {
    pump = TelemetryPump(capacity: capacity, deliver: deliver)
  }

  /// Queues `event` for the handler.
  public func publish(_ event: TelemetryEvent) { pump.publish(event) }

  /// Waits until the handler has every queued event.
  public func finish() async { await pump.finish() }
}
