/// Retained payload on `edge-ai/device/{id}/status`: device health; the last will carries `offline`.
public struct StatusEvent: Codable, Sendable, Equatable {
  /// When the status was taken.
  public var ts: WireTimestamp
  /// Per-device message counter.
  public var seq: UInt64
  /// The reporting device.
  public var deviceID: String
  /// Online or offline.
  public var state: DeviceState
  /// Edge model version running.
  public var modelVersion: Int
  /// Seconds since the device started.
  public var uptimeS: Double
  /// Seconds left before the next escalation attempt (0 when not backing off).
  public var backoffS: Double
  /// Escalations waiting in the store-and-forward queue.
  public var queueDepth: Int
  /// Free heap in bytes, on devices that know it.
  public var freeHeap: Int?
  /// Windows decided since the device started, by how; exact even when `inference` messages are sampled.
  public var counts: DecisionCounts?

  /// A status report.
  public init(
    ts: WireTimestamp, seq: UInt64, deviceID: String, state: DeviceState, modelVersion: Int, uptimeS: Double,
    backoffS: Double, queueDepth: Int, freeHeap: Int? = nil, counts: DecisionCounts? = nil
  ) {
    self.ts = ts
    self.seq = seq
    self.deviceID = deviceID
    self.state = state
    self.modelVersion = modelVersion
    self.uptimeS = uptimeS
    self.backoffS = backoffS
    self.queueDepth = queueDepth
    self.freeHeap = freeHeap
    self.counts = counts
  }

  enum CodingKeys: String, CodingKey {
    case ts, seq, state, counts
    case deviceID = "device_id"
    case modelVersion = "model_version"
    case uptimeS = "uptime_s"
    case backoffS = "backoff_s"
    case queueDepth = "queue_depth"
    case freeHeap = "free_heap"
  }
}

/// Whether a device is connected, as the `status` topic spells it.
public enum DeviceState: String, Codable, Sendable, CaseIterable {
  /// Connected and reporting.
  case online
  /// Gone (said by the last will or on a clean stop).
  case offline
}

/// Running totals of a device's decisions, carried by `status` so a subscriber gets exact rates cheaply.
public struct DecisionCounts: Codable, Sendable, Equatable {
  /// Windows decided normal locally (below the low threshold).
  public var normal: UInt64
  /// Windows decided anomalous locally (above the high threshold).
  public var anomaly: UInt64
  /// Ambiguous windows the cloud answered.
  public var escalated: UInt64
  /// Ambiguous windows decided by the closer threshold because the cloud was unreachable or backed off.
  public var fallback: UInt64

  /// Totals.
  public init(normal: UInt64 = 0, anomaly: UInt64 = 0, escalated: UInt64 = 0, fallback: UInt64 = 0) {
    self.normal = normal
    self.anomaly = anomaly
    self.escalated = escalated
    self.fallback = fallback
  }

  /// Every window decided.
  public var windows: UInt64 { normal + anomaly + escalated + fallback }
}
