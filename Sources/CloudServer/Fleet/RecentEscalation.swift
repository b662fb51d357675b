import Wire

/// One ambiguous window and the verdict it got, as reported by a device or judged by this server's `/classify`.
public struct RecentEscalation: Codable, Sendable, Equatable {
  /// Who reported it.
  public enum Source: String, Codable, Sendable {
    /// The device's `escalation` topic.
    case device
    /// This server's own `/classify` answer.
    case server
  }

  /// When it was decided.
  public var ts: WireTimestamp
  /// The escalating device.
  public var deviceID: String
  /// Who reported it.
  public var source: Source
  /// Edge reconstruction error that made it ambiguous.
  public var edgeMSE: Double
  /// 0 normal, 1 anomaly.
  public var classification: Int
  /// Confidence of the verdict.
  public var confidence: Double
  /// True when the device decided by the closer threshold because the cloud was out of reach.
  public var fallback: Bool
  /// Round trip in milliseconds, when the device measured one.
  public var latencyMS: Double?
  /// Cloud reconstruction error, for server verdicts.
  public var cloudMSE: Double?
  /// The cloud model that judged, for server verdicts.
  public var cloudModel: String?
  /// The edge model version that escalated, when known.
  public var modelVersion: Int?

  enum CodingKeys: String, CodingKey {
    case ts, source, classification, confidence, fallback
    case deviceID = "device_id"
    case edgeMSE = "edge_mse"
    case latencyMS = "latency_ms"
    case cloudMSE = "cloud_mse"
    case cloudModel = "cloud_model"
    case modelVersion = "model_version"
  }
}
