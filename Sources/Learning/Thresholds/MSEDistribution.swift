/// Summary statistics of the training-set MSEs that thresholds are fitted to.
public struct MSEDistribution: Sendable {
  /// The MSEs in increasing order.
  public let sorted: [Double]
  /// Mean μ.
  public let mean: Double
  /// Population standard deviation σ (divides by n, like numpy's `std`), from a second pass around μ.
  public let standardDeviation: Double

  /// Statistics of `mse`; every value must be finite.
  public init(_ mse: [Float]) throws(ThresholdError) {
    guard !mse.isEmpty else { throw .emptyDistribution }
    if let bad = mse.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteMSE(index: bad, value: mse[bad]) }
    let values = mse.map(Double.init)
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    self.mean = mean
    standardDeviation = variance.squareRoot()
    sorted = values.sorted()
  }

  /// The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics at position (n − 1)·q.
  public func quantile(_ q: Double) -> Double {
    precondition((0...1).contains(q), "quantile \(q) outside [0, 1]")
    let position = Double(sorted.count - 1) * q
    let below = Int(position.rounded(.down))
    let above = min(below + 1, sorted.count - 1)
    let fraction = position - Double(below)
    return sorted[below] + fraction * (sorted[above] - sorted[below])
  }
}
