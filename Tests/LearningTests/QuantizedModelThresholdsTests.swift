import EdgeCore
import Learning
import Testing

@Suite struct QuantizedModelThresholdsTests {
  /// A stand-in for the thresholds code: μ + 2σ and μ + 4σ of what it is given.
  private func meanPlusKSigma(_ mses: [Float]) -> QuantizedModelThresholds.Statistics {
    let mu = mses.reduce(0, +) / Float(mses.count)
    let sigma = (mses.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Float(mses.count)).squareRoot()
    return (low: mu + 2 * sigma, high: mu + 4 * sigma, mu: mu, sigma: sigma, kLow: 2, kHigh: 4)
  }

  @Test func thresholdsAreComputedFromTheQuantizedMSEsGiven() throws {
    var seen: [Float] = []
    let thresholds = try QuantizedModelThresholds.thresholds(fromQuantizedMSEs: [1, 2, 3, 4]) { mses in
      seen = mses
      return meanPlusKSigma(mses)
    }
    #expect(seen == [1, 2, 3, 4])
    let sigma = Float(1.25).squareRoot()
    #expect(
      thresholds
        == (try ModelMetadata.Thresholds(
          low: 2.5 + 2 * sigma, high: 2.5 + 4 * sigma, mu: 2.5, sigma: sigma, kLow: 2, kHigh: 4)))
  }

  @Test func thresholdsReplaceThoseOfTheMetadataAndTravelInTheFile() throws {
    let thresholds = try QuantizedModelThresholds.thresholds(
      fromQuantizedMSEs: [0.5, 0.7], method: .quantile, computedBy: meanPlusKSigma)
    let metadata = try QuantizerFixtures.metadata().replacing(thresholds: thresholds)
    #expect(try ModelMetadata(decoding: metadata.encode()).thresholds == thresholds)
    #expect(thresholds.method == .quantile)
  }

  @Test func missingOrInvalidMSEsAndThresholdsAreRefused() {
    #expect(throws: QuantizedThresholdsError.noWindows) {
      try QuantizedModelThresholds.thresholds(fromQuantizedMSEs: [], computedBy: meanPlusKSigma)
    }
    #expect(throws: QuantizedThresholdsError.invalidMSE(window: 1, value: -1)) {
      try QuantizedModelThresholds.thresholds(fromQuantizedMSEs: [1, -1], computedBy: meanPlusKSigma)
    }
    #expect(throws: QuantizedThresholdsError.invalidThresholds(.invalidThresholds)) {
      try QuantizedModelThresholds.thresholds(fromQuantizedMSEs: [1, 2]) { _ in
        (low: 5, high: 1, mu: 1, sigma: 1, kLow: 2, kHigh: 4)
      }
    }
  }
}
