import EdgeCore

/// Decision latencies of one kind of window, kept as a bounded uniform sample (reservoir sampling), so a
/// device running for months holds a fixed amount and its percentiles stay unbiased.
public struct LatencySamples: Sendable {
  /// Most values kept.
  public let capacity: Int
  /// The kept values, in milliseconds, in no order.
  public private(set) var values: [Double] = []
  /// Values offered, ever.
  public private(set) var count = 0
  private var random: SplitMix64

  /// An empty sample of at most `capacity` values.
  public init(capacity: Int = 20_000, seed: UInt64 = 0x4C41_5445) {
    self.capacity = max(1, capacity)
    random = SplitMix64(seed: seed)
  }

  /// Offers one latency.
  public mutating func add(_ milliseconds: Double) {
    count += 1
    if values.count < capacity {
      values.append(milliseconds)
    } else {
      let slot = Int(random.next() % UInt64(count))
      if slot < capacity { values[slot] = milliseconds }
    }
  }

  /// Adds every value of `other` (a fleet's pooled sample).
  public mutating func merge(_ other: LatencySamples) {
    for value in other.values { add(value) }
  }

  /// The `q` quantile (0…1) by the nearest-rank rule; nil when empty.
  public func quantile(_ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
  }
}
