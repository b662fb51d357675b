import Wire

/// The fleet state as the rollout controller's telemetry: per device and model version, the windows,
/// escalations and local anomalies it reported (exact, from the status counts), and whether it rolled it back.
extension FleetState: RolloutTelemetrySource {
  /// Every device's totals per version since the server started; `since` is not needed because a canary
  /// version is new, so all of its windows came after the rollout began, and the current version's windows
  /// are what the canary devices are compared with.
  public func telemetry(since: WireTimestamp) async throws -> [DeviceVersionTelemetry] {
    tracked.values.flatMap { device in
      Set(device.countsByVersion.keys).union(device.rolledBackVersions).map { version in
        let counts = device.countsByVersion[version] ?? DecisionCounts()
        return DeviceVersionTelemetry(
          deviceID: device.state.id, version: version, windows: Int(counts.windows),
          escalations: Int(counts.escalated + counts.fallback), localAnomalies: Int(counts.anomaly),
          rolledBack: device.rolledBackVersions.contains(version))
      }
    }
  }
}
