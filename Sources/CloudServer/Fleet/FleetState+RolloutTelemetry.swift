import Wire

/// The fleet state as the rollout controller's telemetry: per model version, the devices running it and the
/// windows, escalations and local anomalies they reported (exact, from the status counts).
extension FleetState: RolloutTelemetrySource {
  /// Every version's totals since the server started; `since` is not needed because a canary version is new,
  /// so all of its windows came after the rollout began.
  public func telemetry(since: WireTimestamp) async throws -> [Int: ModelVersionTelemetry] {
    var result: [Int: ModelVersionTelemetry] = [:]
    for statistics in versionStatistics().versions {
      guard let version = statistics.version else { continue }
      let counts = statistics.counts
      result[version] = ModelVersionTelemetry(
        devices: statistics.devices, windows: Int(counts.windows),
        escalations: Int(counts.escalated + counts.fallback), localAnomalies: Int(counts.anomaly))
    }
    return result
  }
}
