/// The cloud's judgement of one window.
public struct CloudVerdict: Sendable, Equatable {
  /// 0 normal, 1 anomaly.
  public var classification: Int
  /// Calibrated probability that `classification` is right.
  public var confidence: Double
  /// Cloud reconstruction error.
  public var cloudMSE: Double
  /// Which cloud model judged.
  public var cloudModel: String

  /// A verdict.
  public init(classification: Int, confidence: Double, cloudMSE: Double, cloudModel: String) {
    self.classification = classification
    self.confidence = confidence
    self.cloudMSE = cloudMSE
    self.cloudModel = cloudModel
  }
}
