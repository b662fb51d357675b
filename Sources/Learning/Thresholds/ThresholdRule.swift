/// How the zone thresholds are derived from the training-set MSE distribution.
public enum ThresholdRule: Equatable, Sendable {
  /// `low = μ + kLow·σ`, `high = μ + kHigh·σ`, σ the population standard deviation (the lesson; numpy's `std`).
  case sigma(kLow: Double, kHigh: Double)
  /// `low` and `high` are quantiles of the training MSE, linearly interpolated between order statistics
  /// (numpy's default, Hyndman–Fan type 7) — for skewed distributions, where μ + k·σ misjudges the tail.
  case quantile(low: Double, high: Double)

  /// The lesson's rule: μ + 2σ and μ + 4σ.
  public static let lesson = ThresholdRule.sigma(kLow: 2, kHigh: 4)
  /// The quantile rule's defaults: 97.5 % and 99.9 % of normal training windows fall below low and high.
  public static let defaultQuantiles = ThresholdRule.quantile(low: 0.975, high: 0.999)

  /// The method's name in the thresholds document: `sigma` or `quantile`.
  public var method: ThresholdMethod {
    switch self {
    case .sigma: .sigma
    case .quantile: .quantile
    }
  }

  /// Checks that the parameters make sense (finite multipliers, quantiles in [0, 1], low ≤ high).
  public func validate() throws(ThresholdError) {
    switch self {
    case .sigma(let kLow, let kHigh):
      guard kLow.isFinite && kHigh.isFinite && kLow <= kHigh else {
        throw .invalidMultipliers(kLow: kLow, kHigh: kHigh)
      }
    case .quantile(let low, let high):
      guard (0...1).contains(low) && (0...1).contains(high) && low <= high else {
        throw .invalidQuantiles(low: low, high: high)
      }
    }
  }
}

/// The name of a threshold rule as written in the thresholds document.
public enum ThresholdMethod: String, Codable, Sendable, CaseIterable {
  /// μ + k·σ.
  case sigma
  /// Quantiles of the training MSE.
  case quantile
}
