import Wire

/// One escalation as the server keeps it: what the device sent and what the cloud answered.
public struct StoredEscalation: Codable, Sendable, Equatable {
  /// Store-assigned id (nil until stored).
  public var id: Int64?
  /// The escalating device.
  public var deviceID: String
  /// Device-chosen idempotency id; a second upload with the same one is not stored again.
  public var escalationID: String?
  /// When the server received it.
  public var receivedAt: WireTimestamp
  /// The raw window.
  public var features: [Float]
  /// Edge reconstruction error.
  public var edgeMSE: Double
  /// Edge model version that escalated, when the device said.
  public var edgeModelVersion: Int?
  /// Cloud reconstruction error.
  public var cloudMSE: Double
  /// Cloud verdict: 0 normal, 1 anomaly.
  public var classification: Int
  /// Calibrated probability that the verdict is right.
  public var confidence: Double
  /// Cloud model id that judged.
  public var cloudModel: String
  /// Operator's label (0 normal, 1 anomaly), which overrides the cloud for retraining.
  public var operatorLabel: Int?
  /// Edge model version whose retraining consumed this escalation (archived, never deleted).
  public var consumedByVersion: Int?

  /// An escalation record.
  public init(
    id: Int64? = nil, deviceID: String, escalationID: String?, receivedAt: WireTimestamp, features: [Float],
    edgeMSE: Double, edgeModelVersion: Int?, cloudMSE: Double, classification: Int, confidence: Double,
    cloudModel: String, operatorLabel: Int? = nil, consumedByVersion: Int? = nil
  ) {
    self.id = id
    self.deviceID = deviceID
    self.escalationID = escalationID
    self.receivedAt = receivedAt
    self.features = features
    self.edgeMSE = edgeMSE
    self.edgeModelVersion = edgeModelVersion
    self.cloudMSE = cloudMSE
    self.classification = classification
    self.confidence = confidence
    self.cloudModel = cloudModel
    self.operatorLabel = operatorLabel
    self.consumedByVersion = consumedByVersion
  }

  enum CodingKeys: String, CodingKey {
    case id, features, classification, confidence
    case deviceID = "device_id"
    case escalationID = "escalation_id"
    case receivedAt = "received_at"
    case edgeMSE = "edge_mse"
    case edgeModelVersion = "edge_model_version"
    case cloudMSE = "cloud_mse"
    case cloudModel = "cloud_model"
    case operatorLabel = "operator_label"
    case consumedByVersion = "consumed_by_version"
  }

  /// The label retraining should believe: the operator's when given, else the cloud's.
  public var effectiveLabel: Int { operatorLabel ?? classification }

  /// The answer a device gets for this record (the same on every retry).
  public var response: ClassifyResponse {
    ClassifyResponse(
      classification: classification, label: classification == 1 ? "anomaly" : "normal",
      confidence: confidence,
      cloudMSE: cloudMSE, cloudModel: cloudModel)
  }
}
