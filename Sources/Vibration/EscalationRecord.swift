import Foundation

/// When an escalation happened, kept in the form it was written: ISO 8601 text or unix seconds.
public enum EscalationTimestamp: Codable, Hashable, Sendable {
  /// An ISO 8601 date-time such as `2025-01-31T12:00:00.250Z`.
  case iso8601(String)
  /// Seconds since 1970-01-01 UTC.
  case unix(Double)

  /// The ISO 8601 UTC form with milliseconds, as the project's messages carry it.
  public init(date: Date) {
    self = .iso8601(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
  }

  /// The moment, or nil when the text is not ISO 8601.
  public var date: Date? {
    switch self {
    case .unix(let seconds): return Date(timeIntervalSince1970: seconds)
    case .iso8601(let text):
      return (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }
  }

  /// Decodes a JSON number as unix seconds or a JSON string as ISO 8601 (checked).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let seconds = try? container.decode(Double.self) {
      guard seconds.isFinite else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "unix time must be finite")
      }
      self = .unix(seconds)
      return
    }
    let text = try container.decode(String.self)
    self = .iso8601(text)
    guard date != nil else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "'\(text)' is neither ISO 8601 (2025-01-31T12:00:00Z) nor unix seconds")
    }
  }

  /// Encodes in the form the timestamp was made or read in.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .iso8601(let text): try container.encode(text)
    case .unix(let seconds): try container.encode(seconds)
    }
  }
}

/// One line of the escalation log: a window the edge could not decide and the cloud's verdict.
///
/// Field names are the lesson's JSONL keys; unknown extra fields are ignored on read. The Python
/// reference's `ts`, `classification` and `confidence` are accepted as aliases.
public struct EscalationRecord: Codable, Hashable, Sendable {
  /// When the window was escalated.
  public var timestamp: EscalationTimestamp
  /// The device that escalated it.
  public var deviceID: String
  /// The window (or front-end features) that was sent.
  public var features: [Float]
  /// The edge model's reconstruction error that put it in the ambiguous zone.
  public var edgeMSE: Float
  /// The cloud's decision: 0 normal, 1 anomaly.
  public var cloudClassification: UInt8
  /// The cloud's confidence in that decision, 0…1.
  public var cloudConfidence: Float
  /// The cloud model's reconstruction error, when recorded.
  public var cloudMSE: Float?
  /// The edge model version that escalated, when recorded.
  public var modelVersion: Int?
  /// The device's idempotency id for the escalation, when recorded.
  public var escalationID: String?
  /// An operator's later verdict (0 or 1), when one was given.
  public var operatorLabel: UInt8?

  /// A record; optional extras default to absent.
  public init(
    timestamp: EscalationTimestamp, deviceID: String, features: [Float], edgeMSE: Float,
    cloudClassification: UInt8, cloudConfidence: Float, cloudMSE: Float? = nil, modelVersion: Int? = nil,
    escalationID: String? = nil, operatorLabel: UInt8? = nil
  ) {
    self.timestamp = timestamp
    self.deviceID = deviceID
    self.features = features
    self.edgeMSE = edgeMSE
    self.cloudClassification = cloudClassification
    self.cloudConfidence = cloudConfidence
    self.cloudMSE = cloudMSE
    self.modelVersion = modelVersion
    self.escalationID = escalationID
    self.operatorLabel = operatorLabel
  }

  enum CodingKeys: String, CodingKey {
    case timestamp
    case deviceID = "device_id"
    case features
    case edgeMSE = "edge_mse"
    case cloudClassification = "cloud_classification"
    case cloudConfidence = "cloud_confidence"
    case cloudMSE = "cloud_mse"
    case modelVersion = "model_version"
    case escalationID = "escalation_id"
    case operatorLabel = "operator_label"
  }

  /// The Python reference server's names for three of the fields.
  private enum ReferenceKeys: String, CodingKey {
    case ts, classification, confidence
  }

  /// Decodes a JSONL object, accepting the reference's key aliases and rejecting unusable values.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let reference = try decoder.container(keyedBy: ReferenceKeys.self)
    timestamp =
      try container.decodeIfPresent(EscalationTimestamp.self, forKey: .timestamp)
      ?? reference.decode(EscalationTimestamp.self, forKey: .ts)
    deviceID = try container.decode(String.self, forKey: .deviceID)
    features = try container.decode([Float].self, forKey: .features)
    edgeMSE = try container.decode(Float.self, forKey: .edgeMSE)
    cloudClassification =
      try container.decodeIfPresent(UInt8.self, forKey: .cloudClassification)
      ?? reference.decode(UInt8.self, forKey: .classification)
    cloudConfidence =
      try container.decodeIfPresent(Float.self, forKey: .cloudConfidence)
      ?? reference.decode(Float.self, forKey: .confidence)
    cloudMSE = try container.decodeIfPresent(Float.self, forKey: .cloudMSE)
    modelVersion = try container.decodeIfPresent(Int.self, forKey: .modelVersion)
    escalationID = try container.decodeIfPresent(String.self, forKey: .escalationID)
    operatorLabel = try container.decodeIfPresent(UInt8.self, forKey: .operatorLabel)

    func reject(_ key: CodingKeys, _ reason: String) -> DecodingError {
      .dataCorruptedError(forKey: key, in: container, debugDescription: reason)
    }
    guard !features.isEmpty, features.allSatisfy(\.isFinite) else {
      throw reject(.features, "must be a non-empty array of finite numbers")
    }
    guard edgeMSE.isFinite, edgeMSE >= 0 else { throw reject(.edgeMSE, "must be a finite number ≥ 0") }
    guard cloudClassification <= 1 else {
      throw reject(.cloudClassification, "must be 0 or 1, found \(cloudClassification)")
    }
    guard cloudConfidence.isFinite, (0...1).contains(cloudConfidence) else {
      throw reject(.cloudConfidence, "must lie in 0…1, found \(cloudConfidence)")
    }
    guard cloudMSE.map({ $0.isFinite && $0 >= 0 }) ?? true else {
      throw reject(.cloudMSE, "must be a finite number ≥ 0")
    }
    guard (operatorLabel ?? 0) <= 1 else { throw reject(.operatorLabel, "must be 0 or 1") }
  }
}
