/// Payload on `edge-ai/device/{id}/escalation`: how one ambiguous window was finally decided.
public struct EscalationEvent: Codable, Sendable, Equatable {
  /// When the decision was made.
  public var ts: WireTimestamp
  /// Per-device message counter.
  public var seq: UInt64
  /// The escalating device.
  public var deviceID: String
  /// Edge reconstruction error that put the window in the ambiguous zone.
  public var edgeMSE: Double
  /// 0 normal, 1 anomaly: the cloud's verdict, or the closer threshold's when `fallback`.
  public var cloudClassification: Int
  /// Cloud confidence (for a fallback, the device's own estimate).
  public var cloudConfidence: Double
  /// Round trip to the cloud in milliseconds (0 when no request was made).
  public var latencyMS: Double
  /// True when the cloud was unreachable and the device took the closer threshold.
  public var fallback: Bool

  /// An escalation event.
  public init(
    ts: WireTimestamp, seq: UInt64, deviceID: String, edgeMSE: Double, cloudClassification: Int,
    cloudConfidence: Double, latencyMS: Double, fallback: Bool
  ) {
    self.ts = ts
    self.seq = seq
    self.deviceID = deviceID
    self.edgeMSE = edgeMSE
    self.cloudClassification = cloudClassification
    self.cloudConfidence = cloudConfidence
    self.latencyMS = latencyMS
    self.fallback = fallback
  }

  enum CodingKeys: String, CodingKey {
    case ts, seq, fallback
    case deviceID = "device_id"
    case edgeMSE = "edge_mse"
    case cloudClassification = "cloud_classification"
    case cloudConfidence = "cloud_confidence"
    case latencyMS = "latency_ms"
  }
}
