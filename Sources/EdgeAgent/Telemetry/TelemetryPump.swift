import Wire

/// A bounded hand-off between the inference loop and a slower delivery: `publish` never waits (the oldest
/// events are dropped when `capacity` are waiting), one task delivers in order.
final class TelemetryPump: Sendable {
  private let continuation: AsyncStream<TelemetryEvent>.Continuation
  private let task: Task<Void, Never>

  /// Starts delivering through `deliver`, keeping at most `capacity` events waiting.
  init(capacity: Int, deliver: @escaping @Sendable (TelemetryEvent) async -> Void) {
    let (stream, continuation) = AsyncStream.makeStream(
      of: TelemetryEvent.self, bufferingPolicy: .bufferingNewest(capacity))
    self.continuation = continuation
    task = Task {
      for await event in stream { await deliver(event) }
    }
  }

  /// Queues `event` for delivery.
  func publish(_ event: TelemetryEvent) {
    continuation.yield(event)
  }

  /// Delivers everything queued, then stops.
  func finish() async {
    continuation.finish()
    await task.value
  }
}
