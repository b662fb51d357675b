import Learning

extension CloudClassifier {
  /// How well the confidences it gives match its accuracy on labelled windows (for `edgehybrid evaluate`).
  ///
  /// Use windows the calibration was not fitted on (e.g. the test split) for an honest table.
  public func reliability(windows: [[Float]], labels: [Int], binCount: Int = 10) throws -> ReliabilityTable {
    let verdicts = classify(windows)
    return try ReliabilityTable(
      confidences: verdicts.map(\.confidence),
      correct: zip(verdicts, labels).map { $0.classification == $1 }, binCount: binCount)
  }
}
