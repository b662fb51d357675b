/// Why thresholds could not be fitted.
public enum ThresholdError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No training MSEs were given.
  case emptyDistribution
  /// A training MSE is NaN or infinite.
  case nonFiniteMSE(index: Int, value: Float)
  /// The σ multipliers are not finite or k_low > k_high.
  case invalidMultipliers(kLow: Double, kHigh: Double)
  /// A quantile lies outside [0, 1] or low > high.
  case invalidQuantiles(low: Double, high: Double)

  /// What went wrong and what to do.
  public var description: String {
    switch self {
    case .emptyDistribution:
      "no training MSE values: thresholds need the reconstruction errors of at least one normal window"
    case .nonFiniteMSE(let index, let value):
      "training MSE at index \(index) is \(value): check the model and the input windows for NaN or overflow"
    case .invalidMultipliers(let kLow, let kHigh):
      "sigma multipliers k_low=\(kLow), k_high=\(kHigh) must be finite with k_low ≤ k_high (defaults 2 and 4)"
    case .invalidQuantiles(let low, let high):
      "quantiles low=\(low), high=\(high) must lie in [0, 1] with low ≤ high (defaults 0.975 and 0.999)"
    }
  }
}
