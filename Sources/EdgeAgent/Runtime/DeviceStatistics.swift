import EdgeCore
import Wire

/// What a device did since it started: decisions by path, escalation fates, bytes sent, latencies per zone.
public struct DeviceStatistics: Sendable {
  /// Decisions by how they were made (the `status` topic's counts).
  public var counts = DecisionCounts()
  /// Windows read before any model was available (a device without a built-in model awaiting its first OTA).
  public var windowsWithoutModel = 0
  /// Live escalations the cloud answered.
  public var answered = 0
  /// Live escalations that failed (unreachable, timeout, 5xx, refusal); backoff keeps this below the fallbacks.
  public var cloudFailures = 0
  /// Escalations put in the store-and-forward queue.
  public var queued = 0
  /// Queued escalations the cloud later stored.
  public var drained = 0
  /// Escalations the cloud refused for good (4xx), live or queued.
  public var refused = 0
  /// Ambiguous windows decided by fallback because every escalation slot was taken.
  public var saturated = 0
  /// Bytes of `POST /classify` bodies sent (live and drained, failed attempts included).
  public var bytesUploaded = 0
  /// Decision latency per zone.
  public var latency: [Zone: LatencySamples] = [:]
  /// Feature summaries the server accepted, and their bytes (compare with `bytesUploaded` of raw windows).
  public var summariesSent = 0
  /// Bytes of the accepted feature summaries.
  public var summaryBytesUploaded = 0

  /// Nothing yet.
  public init() {}

  /// Counts a latency for `zone`.
  mutating func record(_ zone: Zone, latencyMS: Double) {
    latency[zone, default: LatencySamples(seed: UInt64(zone.rawValue) + 1)].add(latencyMS)
  }
}
