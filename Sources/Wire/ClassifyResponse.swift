/// `POST /classify` answer: the cloud's verdict on one escalated window.
public struct ClassifyResponse: Codable, Sendable, Equatable {
  /// 0 normal, 1 anomaly (the lesson's `cloud_classification`).
  public var classification: Int
  /// `"normal"` or `"anomaly"`, the same verdict in words.
  public var label: String
  /// Calibrated probability that `classification` is right.
  public var confidence: Double
  /// Reconstruction error of the cloud model on the window.
  public var cloudMSE: Double
  /// Which cloud model judged, e.g. `"cloud-2"`.
  public var cloudModel: String

  /// A verdict.
  public init(classification: Int, label: String, confidence: Double, cloudMSE: Double, cloudModel: String) {
    self.classification = classification
    self.label = label
    self.confidence = confidence
    self.cloudMSE = cloudMSE
    self.cloudModel = cloudModel
  }

  enum CodingKeys: String, CodingKey {
    case classification, label, confidence
    case cloudMSE = "cloud_mse"
    case cloudModel = "cloud_model"
  }
}
