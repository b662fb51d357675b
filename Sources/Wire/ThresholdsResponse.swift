/// `GET /model/thresholds` answer and manifest part: the two zone limits of one edge model version.
public struct ThresholdsResponse: Codable, Sendable, Equatable {
  /// Edge model version these thresholds belong to.
  public var version: Int
  /// Below this edge MSE a window is normal.
  public var lowThreshold: Double
  /// Above this edge MSE a window is an anomaly.
  public var highThreshold: Double
  /// Mean of the training-set MSE.
  public var mu: Double
  /// Standard deviation of the training-set MSE.
  public var sigma: Double
  /// Multiplier of σ for the low threshold.
  public var kLow: Double
  /// Multiplier of σ for the high threshold.
  public var kHigh: Double

  /// A thresholds document.
  public init(
    version: Int, lowThreshold: Double, highThreshold: Double, mu: Double, sigma: Double, kLow: Double,
    kHigh: Double
  ) {
    self.version = version
    self.lowThreshold = lowThreshold
    self.highThreshold = highThreshold
    self.mu = mu
    self.sigma = sigma
    self.kLow = kLow
    self.kHigh = kHigh
  }

  enum CodingKeys: String, CodingKey {
    case version, mu, sigma
    case lowThreshold = "low_threshold"
    case highThreshold = "high_threshold"
    case kLow = "k_low"
    case kHigh = "k_high"
  }
}
