/// The lesson's feature summary (exercise 4) of one reporting period: what a device can send instead of raw
/// windows.
public struct FeatureSummary: Equatable, Sendable {
  /// Mean of each axis over every sample of the period (g).
  public var means: [Float]
  /// Population variance of each axis over every sample of the period (g²).
  public var variances: [Float]
  /// Windows per MSE bin (see `FeatureSummaryHistogram` for the bins).
  public var histogram: [UInt32]
  /// Frequency (Hz) of the strongest non-DC bin of each axis's power spectrum summed over the period's windows.
  public var peakFrequenciesHz: [Float]
  /// Windows summarized (the lesson's "sample count").
  public var windowCount: Int

  /// A summary from its parts.
  public init(
    means: [Float], variances: [Float], histogram: [UInt32], peakFrequenciesHz: [Float], windowCount: Int
  ) {
    self.means = means
    self.variances = variances
    self.histogram = histogram
    self.peakFrequenciesHz = peakFrequenciesHz
    self.windowCount = windowCount
  }

  /// The flat values of `POST /summary` (20 for three axes): mean and variance of each axis in turn
  /// (x mean, x variance, y mean, …), the 10 histogram counts, the peak frequency of each axis, the count.
  public var values: [Float] {
    var values: [Float] = []
    values.reserveCapacity(3 * means.count + histogram.count + 1)
    for axis in 0..<means.count {
      values.append(means[axis])
      values.append(variances[axis])
    }
    for count in histogram { values.append(Float(count)) }
    values.append(contentsOf: peakFrequenciesHz)
    values.append(Float(windowCount))
    return values
  }
}
