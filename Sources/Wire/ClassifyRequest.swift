/// `POST /classify` body: an ambiguous window a device asks the cloud to judge.
///
/// The lesson's firmware sends only `device_id`, `features` and `edge_mse`; `model_version` and
/// `escalation_id` are additions, so they are optional.
public struct ClassifyRequest: Codable, Sendable, Equatable {
  /// The device that escalates (also its MQTT topic level).
  public var deviceID: String
  /// The raw window, sample-major and interleaved (`x0, y0, z0, x1, …`).
  public var features: [Float]
  /// The reconstruction error the edge model measured on this window.
  public var edgeMSE: Double
  /// The edge model version that produced `edgeMSE`, when the device says.
  public var modelVersion: Int?
  /// A device-chosen id that makes a retried upload idempotent.
  public var escalationID: String?

  /// An escalation request.
  public init(
    deviceID: String, features: [Float], edgeMSE: Double, modelVersion: Int? = nil,
    escalationID: String? = nil
  ) {
    self.deviceID = deviceID
    self.features = features
    self.edgeMSE = edgeMSE
    self.modelVersion = modelVersion
    self.escalationID = escalationID
  }

  enum CodingKeys: String, CodingKey {
    case deviceID = "device_id"
    case features
    case edgeMSE = "edge_mse"
    case modelVersion = "model_version"
    case escalationID = "escalation_id"
  }

  /// Decodes a body; a feature float32 cannot hold is refused with its index.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    deviceID = try container.decode(String.self, forKey: .deviceID)
    features = try container.decodeFloat32Array(forKey: .features)
    edgeMSE = try container.decode(Double.self, forKey: .edgeMSE)
    modelVersion = try container.decodeIfPresent(Int.self, forKey: .modelVersion)
    escalationID = try container.decodeIfPresent(String.self, forKey: .escalationID)
  }
}

extension ClassifyRequest {
  /// Longest accepted escalation id, so a store key stays small.
  public static let maximumEscalationIDLength = 128

  /// Checks what JSON decoding cannot: window length, finite numbers, id shapes.
  public func validate(featureCount: Int) throws(WireValidationError) {
    try WireValidation.checkDeviceID(deviceID)
    try WireValidation.checkFeatures(features, count: featureCount)
    try WireValidation.checkMSE(edgeMSE, field: "edge_mse")
    if let modelVersion, modelVersion < 0 {
      throw WireValidationError(field: "model_version", problem: "must be ≥ 0, got \(modelVersion)")
    }
    if let escalationID {
      if escalationID.isEmpty || escalationID.utf8.count > Self.maximumEscalationIDLength {
        throw WireValidationError(
          field: "escalation_id",
          problem: "must be 1…\(Self.maximumEscalationIDLength) bytes, got \(escalationID.utf8.count)")
      }
    }
  }
}
