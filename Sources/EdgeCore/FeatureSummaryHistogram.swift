/// The 10 MSE bins of a feature summary, placed on the zone thresholds so the summary also tells the zone
/// fractions exactly.
///
/// | bins | MSE range |
/// |---|---|
/// | 0–3 | the normal zone `[0, low)` in four equal parts (a negative MSE counts in bin 0) |
/// | 4–7 | the ambiguous zone `[low, high]` in four equal parts (`high` itself in bin 7) |
/// | 8 | `(high, 2·high]` |
/// | 9 | above `2·high`, and NaN (a broken window needs attention) |
public struct FeatureSummaryHistogram: Equatable, Sendable {
  /// Number of bins.
  public static let binCount = 10
  /// Bins per zone below `2·high`.
  static let binsPerZone = 4
  /// The thresholds the bins sit on.
  public let thresholds: ZoneThresholds

  /// Bins on `thresholds`.
  public init(thresholds: ZoneThresholds) {
    self.thresholds = thresholds
  }

  /// The bin `mse` counts in: the number of bin edges at or below it (edges `low·k/4` and
  /// `low + (high − low)·k/4` for k = 1…3, `low`, the first edge above `high`, `2·high`).
  public func bin(for mse: Float) -> Int {
    let low = thresholds.low
    let high = thresholds.high
    guard !mse.isNaN else { return FeatureSummaryHistogram.binCount - 1 }
    if mse > high {
      return mse <= 2 * high
        ? 2 * FeatureSummaryHistogram.binsPerZone : 2 * FeatureSummaryHistogram.binsPerZone + 1
    }
    let zoneStart = mse < low ? 0 : low
    let zoneWidth = mse < low ? low : high - low
    var bin = mse < low ? 0 : FeatureSummaryHistogram.binsPerZone
    for k in 1..<FeatureSummaryHistogram.binsPerZone
    where mse >= zoneStart + zoneWidth * Float(k) / Float(FeatureSummaryHistogram.binsPerZone) {
      bin += 1
    }
    return bin
  }
}
