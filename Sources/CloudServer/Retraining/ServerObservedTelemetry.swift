import EdgeCore
import Wire

/// Rollout telemetry from what the server itself receives, so a rollout works without MQTT: escalations by
/// the model version the device named in `/classify`, windows and local anomalies from `/summary` (whose MSE
/// histogram sits on the thresholds), attributed to the version the device is served.
public struct ServerObservedTelemetry: RolloutTelemetrySource {
  /// The escalations and summaries.
  public let store: any EscalationStore
  /// The version a device is served now (canary cohort or current), for records that name none.
  public let servedVersion: @Sendable (String) -> Int?

  /// Telemetry over `store`, with `servedVersion` telling which version a device runs.
  public init(store: any EscalationStore, servedVersion: @escaping @Sendable (String) -> Int?) {
    self.store = store
    self.servedVersion = servedVersion
  }

  public func telemetry(since: WireTimestamp) async throws -> [Int: ModelVersionTelemetry] {
    var result: [Int: ModelVersionTelemetry] = [:]
    var devices: [Int: Set<String>] = [:]
    for count in try await store.escalationCounts(since: since) {
      guard let version = count.edgeModelVersion ?? servedVersion(count.deviceID) else { continue }
      result[version, default: ModelVersionTelemetry()].escalations += count.count
      devices[version, default: []].insert(count.deviceID)
    }
    for summary in try await store.summaries(since: since) {
      guard let version = servedVersion(summary.deviceID), let counts = Self.zoneCounts(summary.summary)
      else {
        continue
      }
      result[version, default: ModelVersionTelemetry()].windows += counts.windows
      result[version, default: ModelVersionTelemetry()].localAnomalies += counts.anomalies
      devices[version, default: []].insert(summary.deviceID)
    }
    for (version, members) in devices { result[version]?.devices = members.count }
    return result
  }

  /// Windows and anomaly-zone windows of a summary: `2·axes` statistics, 10 MSE bins (8 and 9 lie above the
  /// high threshold), `axes` peak frequencies, the window count.
  static func zoneCounts(_ values: [Float]) -> (windows: Int, anomalies: Int)? {
    let bins = FeatureSummaryHistogram.binCount
    guard values.count > bins + 1, (values.count - bins - 1) % 3 == 0 else { return nil }
    let first = 2 * (values.count - bins - 1) / 3
    let histogram = values[first..<first + bins].map { Int($0) }
    return (histogram.reduce(0, +), histogram[8] + histogram[9])
  }
}
