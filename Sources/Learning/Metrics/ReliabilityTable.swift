/// Calibration of predicted confidences: per confidence bin, how often the predictions were right.
///
/// A well-calibrated classifier is right 90 % of the time when it says 0.9. Bins split [0, 1] into equal
/// widths; a confidence of exactly 1 belongs to the last bin. The expected calibration error (ECE) is
/// `Σ_b (n_b / n)·|accuracy_b − confidence_b|`, the maximum calibration error the largest such gap.
public struct ReliabilityTable: Codable, Equatable, Sendable {
  /// One confidence interval and what was observed in it.
  public struct Bin: Codable, Equatable, Sendable {
    /// Lower edge (inclusive).
    public var lower: Double
    /// Upper edge (exclusive, except 1 for the last bin).
    public var upper: Double
    /// Predictions whose confidence fell here.
    public var count: Int
    /// Their mean confidence (nil when empty).
    public var meanConfidence: Double?
    /// The fraction of them that were right (nil when empty).
    public var accuracy: Double?
  }

  /// The bins from low to high confidence.
  public var bins: [Bin]
  /// Count-weighted mean gap between accuracy and confidence.
  public var expectedCalibrationError: Double
  /// Largest gap over non-empty bins.
  public var maximumCalibrationError: Double

  /// Bins `confidences` (each in [0, 1]) with whether each prediction was `correct`.
  public init(confidences: [Double], correct: [Bool], binCount: Int = 10) throws(MetricsError) {
    guard binCount >= 1 else { throw .invalidBinCount(binCount) }
    try MetricsError.checkLength("correctness flags", correct.count, windows: confidences.count)
    if let bad = confidences.firstIndex(where: { !(0...1).contains($0) }) {
      throw .confidenceOutOfRange(index: bad, value: confidences[bad])
    }
    var counts = [Int](repeating: 0, count: binCount)
    var confidenceSums = [Double](repeating: 0, count: binCount)
    var rightCounts = [Int](repeating: 0, count: binCount)
    for (confidence, right) in zip(confidences, correct) {
      let bin = min(Int(confidence * Double(binCount)), binCount - 1)
      counts[bin] += 1
      confidenceSums[bin] += confidence
      if right { rightCounts[bin] += 1 }
    }
    bins = (0..<binCount).map { b in
      let n = counts[b]
      return Bin(
        lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount), count: n,
        meanConfidence: n == 0 ? nil : confidenceSums[b] / Double(n),
        accuracy: n == 0 ? nil : Double(rightCounts[b]) / Double(n))
    }
    let gaps = bins.compactMap { bin in
      bin.accuracy.flatMap { accuracy in bin.meanConfidence.map { (bin.count, abs(accuracy - $0)) } }
    }
    let total = Double(confidences.count)
    expectedCalibrationError = gaps.reduce(0) { $0 + Double($1.0) / total * $1.1 }
    maximumCalibrationError = gaps.map(\.1).max() ?? 0
  }
}
