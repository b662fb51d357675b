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

  /// A status report.
  public init(
    ts: WireTimestamp, seq: UInt64, deviceID: String, state: DeviceState, modelVersion: Int, uptimeS: Double,
    backoffS: Double, queueDepth: Int, freeHeap: Int? = nil
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
  }

  enum CodingKeys: String, CodingKey {
    case ts, seq, state
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
