import Learning
import Wire

extension ThresholdsResponse {
  /// The wire form of a fitted thresholds document (same version, limits and statistics).
  public init(_ document: ThresholdsDocument) {
    self.init(
      version: document.version, lowThreshold: document.lowThreshold, highThreshold: document.highThreshold,
      mu: document.mu, sigma: document.sigma, kLow: document.kLow, kHigh: document.kHigh)
  }
}
