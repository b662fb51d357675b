import EdgeCore
import Wire

/// Rollout telemetry from what the server itself receives, so a rollout works without MQTT: escalations by
/// the model version the device named in `/classify`, windows and local anomalies from `/summary` (whose MSE
/// histogram sits on the thresholds), attributed to the version the device was served when the summary
/// arrived. Escalations that name no version (the lesson's firmware) count for the version served now.
public struct ServerObservedTelemetry: RolloutTelemetrySource {
  /// The escalations and summaries.
  public let store: any EscalationStore
  /// The version a device was served at a time (canary cohort or current), for records that name none.
  public let servedVersion: @Sendable (String, WireTimestamp) -> Int?

  /// Telemetry over `store`, with `servedVersion` telling which version a device ran at a time.
  public init(store: any EscalationStore, servedVersion: @escaping @Sendable (String, WireTimestamp) -> Int?)
  {
    self.store = store
    self.servedVersion = servedVersion
  }

  public func telemetry(since: WireTimestamp) async throws -> [DeviceVersionTelemetry] {
    struct Key: Hashable {
      var deviceID: String
      var version: Int
    }
    var result: [Key: DeviceVersionTelemetry] = [:]
    let now = WireTimestamp.now()
    for count in try await store.escalationCounts(since: since) {
      guard let version = count.edgeModelVersion ?? servedVersion(count.deviceID, now) else { continue }
      let key = Key(deviceID: count.deviceID, version: version)
      result[key, default: DeviceVersionTelemetry(deviceID: key.deviceID, version: version)].escalations +=
        count.count
    }
    for summary in try await store.summaries(since: since) {
      guard let version = servedVersion(summary.deviceID, summary.receivedAt),
        let counts = Self.zoneCounts(summary.summary)
      else {
        continue
      }
      let key = Key(deviceID: summary.deviceID, version: version)
      result[key, default: DeviceVersionTelemetry(deviceID: key.deviceID, version: version)].windows +=
        counts.windows
      result[key]?.localAnomalies += counts.anomalies
    }
    return Array(result.values)
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
