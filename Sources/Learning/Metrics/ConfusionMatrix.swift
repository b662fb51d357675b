/// Counts of a binary anomaly decision against the truth, and the rates derived from them.
///
/// A rate whose denominator is zero (e.g. precision with nothing flagged) is nil, and absent from JSON.
public struct ConfusionMatrix: Codable, Equatable, Sendable {
  /// Anomalies flagged as anomalies.
  public let truePositives: Int
  /// Normal windows flagged as anomalies.
  public let falsePositives: Int
  /// Normal windows passed as normal.
  public let trueNegatives: Int
  /// Anomalies passed as normal.
  public let falseNegatives: Int
  /// Fraction of windows decided correctly.
  public let accuracy: Double?
  /// Fraction of flagged windows that are anomalies.
  public let precision: Double?
  /// Fraction of anomalies flagged (true positive rate).
  public let recall: Double?
  /// Fraction of normal windows flagged.
  public let falsePositiveRate: Double?
  /// Harmonic mean of precision and recall, `2TP / (2TP + FP + FN)`.
  public let f1: Double?

  /// A matrix from its four counts.
  public init(truePositives: Int, falsePositives: Int, trueNegatives: Int, falseNegatives: Int) {
    func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
      denominator == 0 ? nil : Double(numerator) / Double(denominator)
    }
    self.truePositives = truePositives
    self.falsePositives = falsePositives
    self.trueNegatives = trueNegatives
    self.falseNegatives = falseNegatives
    let total = truePositives + falsePositives + trueNegatives + falseNegatives
    accuracy = ratio(truePositives + trueNegatives, total)
    precision = ratio(truePositives, truePositives + falsePositives)
    recall = ratio(truePositives, truePositives + falseNegatives)
    falsePositiveRate = ratio(falsePositives, falsePositives + trueNegatives)
    f1 = ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)
  }

  /// Counts `predictions` (true = anomaly) against `labels` (true = anomaly).
  public init(predictions: [Bool], labels: [Bool]) throws(MetricsError) {
    try MetricsError.checkLength("predictions", predictions.count, windows: labels.count)
    var counts = (tp: 0, fp: 0, tn: 0, fn: 0)
    for (predicted, actual) in zip(predictions, labels) {
      switch (predicted, actual) {
      case (true, true): counts.tp += 1
      case (true, false): counts.fp += 1
      case (false, false): counts.tn += 1
      case (false, true): counts.fn += 1
      }
    }
    self.init(
      truePositives: counts.tp, falsePositives: counts.fp, trueNegatives: counts.tn, falseNegatives: counts.fn
    )
  }

  /// The decision "anomaly if score > threshold" (the lesson's rule) against `labels`.
  public init(scores: [Float], labels: [Bool], threshold: Float) throws(MetricsError) {
    try self.init(predictions: scores.map { $0 > threshold }, labels: labels)
  }

  /// All windows counted.
  public var total: Int { truePositives + falsePositives + trueNegatives + falseNegatives }
}
