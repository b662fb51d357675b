import EdgeCore

/// The thresholds document of DESIGN.md (`GET /model/thresholds`): the zone thresholds and how they were made.
///
/// JSON keys: `version, low_threshold, high_threshold, mu, sigma, k_low, k_high, method` and, for the
/// quantile method, `quantile_low, quantile_high`. With the quantile method `k_low`/`k_high` hold the
/// equivalent multipliers `(threshold − μ)/σ` (0 when σ = 0), so readers that only know μ + k·σ see
/// consistent numbers. A document without `method` (the lesson's server) reads as `sigma`.
public struct ThresholdsDocument: Codable, Equatable, Sendable {
  /// The model version these thresholds belong to.
  public var version: Int
  /// Below this MSE a window is normal.
  public var lowThreshold: Double
  /// Above this MSE a window is an anomaly.
  public var highThreshold: Double
  /// Mean of the training-set MSE.
  public var mu: Double
  /// Population standard deviation of the training-set MSE.
  public var sigma: Double
  /// Multiplier of σ for the low threshold (the equivalent one for the quantile method).
  public var kLow: Double
  /// Multiplier of σ for the high threshold (the equivalent one for the quantile method).
  public var kHigh: Double
  /// The rule that produced the thresholds.
  public var method: ThresholdMethod
  /// The low threshold's quantile, for the quantile method.
  public var quantileLow: Double?
  /// The high threshold's quantile, for the quantile method.
  public var quantileHigh: Double?

  enum CodingKeys: String, CodingKey {
    case version, mu, sigma, method
    case lowThreshold = "low_threshold"
    case highThreshold = "high_threshold"
    case kLow = "k_low"
    case kHigh = "k_high"
    case quantileLow = "quantile_low"
    case quantileHigh = "quantile_high"
  }

  /// Fits thresholds to the training-set MSEs of model `version` with `rule`.
  public init(fitting mse: [Float], rule: ThresholdRule = .lesson, version: Int) throws(ThresholdError) {
    try rule.validate()
    let distribution = try MSEDistribution(mse)
    let (mu, sigma) = (distribution.mean, distribution.standardDeviation)
    self.version = version
    self.mu = mu
    self.sigma = sigma
    method = rule.method
    switch rule {
    case .sigma(let kLow, let kHigh):
      (self.kLow, self.kHigh) = (kLow, kHigh)
      (lowThreshold, highThreshold) = (mu + kLow * sigma, mu + kHigh * sigma)
    case .quantile(let low, let high):
      (quantileLow, quantileHigh) = (low, high)
      (lowThreshold, highThreshold) = (distribution.quantile(low), distribution.quantile(high))
      kLow = sigma > 0 ? (lowThreshold - mu) / sigma : 0
      kHigh = sigma > 0 ? (highThreshold - mu) / sigma : 0
    }
  }

  /// Reads a document; a missing `method` means `sigma`.
  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.decode(Int.self, forKey: .version)
    lowThreshold = try container.decode(Double.self, forKey: .lowThreshold)
    highThreshold = try container.decode(Double.self, forKey: .highThreshold)
    mu = try container.decode(Double.self, forKey: .mu)
    sigma = try container.decode(Double.self, forKey: .sigma)
    kLow = try container.decode(Double.self, forKey: .kLow)
    kHigh = try container.decode(Double.self, forKey: .kHigh)
    method = try container.decodeIfPresent(ThresholdMethod.self, forKey: .method) ?? .sigma
    quantileLow = try container.decodeIfPresent(Double.self, forKey: .quantileLow)
    quantileHigh = try container.decodeIfPresent(Double.self, forKey: .quantileHigh)
  }

  /// The thresholds as the device uses them (single precision, validated).
  public func zoneThresholds() throws(ZoneThresholdsError) -> ZoneThresholds {
    try ZoneThresholds(low: Float(lowThreshold), high: Float(highThreshold))
  }
}
