import EdgeCore
import Learning

/// An int8 edge model measured on a labelled validation set exactly as a device runs it.
public struct ModelEvaluation: Codable, Sendable, Equatable {
  /// ROC AUC of the edge MSE (nil when the set lacks normal or anomalous windows).
  public var rocAUC: Double?
  /// Accuracy of edge-only decisions (ambiguous windows decided by the closer threshold).
  public var edgeAccuracy: Double
  /// Share of the normal validation windows in the ambiguous zone: the escalation rate to expect.
  public var escalationRate: Double
  /// Share of all validation windows decided anomalous on the device.
  public var anomalyRate: Double
  /// Windows measured.
  public var windows: Int

  /// Runs `tflite` over `windows` and scores it against `labels` (true = anomaly) with `thresholds`.
  public init(tflite: [UInt8], thresholds: ZoneThresholds, windows: Matrix, labels: [Bool]) throws {
    let mse = try EdgeModelBuilder.deviceMSE(of: tflite, windows: windows)
    rocAUC = try? RankingMetrics(scores: mse, labels: labels).rocAUC
    let predictions = mse.map { thresholds.fallbackDecision($0) == .anomaly }
    edgeAccuracy = try ConfusionMatrix(predictions: predictions, labels: labels).accuracy ?? 0
    let normalZones = mse.indices.filter { !labels[$0] }.map { thresholds.classify(mse[$0]) }
    escalationRate = ZoneFractions(normalZones).ambiguous
    anomalyRate = ZoneFractions(mse.map(thresholds.classify)).anomaly
    self.windows = mse.count
  }

  enum CodingKeys: String, CodingKey {
    case windows
    case rocAUC = "roc_auc"
    case edgeAccuracy = "edge_accuracy"
    case escalationRate = "escalation_rate"
    case anomalyRate = "anomaly_rate"
  }
}
