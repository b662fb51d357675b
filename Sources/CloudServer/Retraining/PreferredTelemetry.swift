import Wire

/// Rollout telemetry from the best source that has any: the fleet state when devices report over MQTT or
/// in-process (exact window counts), otherwise what the server sees itself (escalations and summaries).
struct PreferredTelemetry<Primary: RolloutTelemetrySource, Fallback: RolloutTelemetrySource>:
  RolloutTelemetrySource
{
  let primary: Primary
  let fallback: Fallback

  func telemetry(since: WireTimestamp) async throws -> [DeviceVersionTelemetry] {
    let reported = try await primary.telemetry(since: since)
    return reported.contains { $0.windows > 0 } ? reported : try await fallback.telemetry(since: since)
  }
}
