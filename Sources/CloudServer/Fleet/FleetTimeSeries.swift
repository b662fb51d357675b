import Wire

/// Fleet-wide decisions in fixed time buckets (a ring: the oldest bucket is forgotten as time moves on).
struct FleetTimeSeries: Sendable {
  let width: Double
  let capacity: Int
  private var buckets: [Int64: DecisionCounts] = [:]

  init(width: Double, capacity: Int) {
    self.width = width
    self.capacity = max(1, capacity)
  }

  private func index(of time: WireTimestamp) -> Int64 {
    Int64((time.secondsSince1970 / width).rounded(.down))
  }

  /// Adds `counts` to the bucket holding `time`, forgetting buckets that fell out of the window.
  mutating func record(_ counts: DecisionCounts, at time: WireTimestamp) {
    let index = index(of: time)
    buckets[index, default: DecisionCounts()].add(counts)
    guard buckets.count > capacity, let newest = buckets.keys.max() else { return }
    buckets = buckets.filter { $0.key > newest - Int64(capacity) }
  }

  /// The last `capacity` buckets up to the one holding `now`, empty ones included, oldest first.
  func samples(endingAt now: WireTimestamp) -> FleetSeries {
    let last = index(of: now)
    let points = (last - Int64(capacity) + 1...last).map { index in
      let counts = buckets[index] ?? DecisionCounts()
      return FleetSeries.Point(
        start: WireTimestamp(millisecondsSince1970: Int64((Double(index) * width * 1000).rounded())),
        counts: counts, escalationRate: counts.escalationRate)
    }
    return FleetSeries(bucketSeconds: width, points: points)
  }
}

/// Fleet-wide decisions over time: what the dashboard charts.
public struct FleetSeries: Codable, Sendable, Equatable {
  /// One bucket.
  public struct Point: Codable, Sendable, Equatable {
    /// Bucket start (server clock).
    public var start: WireTimestamp
    /// Windows decided in it, by zone (rate per second = count / bucket seconds).
    public var counts: DecisionCounts
    /// Ambiguous share of its windows; nil when it holds none.
    public var escalationRate: Double?

    enum CodingKeys: String, CodingKey {
      case start, counts
      case escalationRate = "escalation_rate"
    }
  }

  /// Width of each bucket in seconds.
  public var bucketSeconds: Double
  /// Buckets, oldest first.
  public var points: [Point]

  enum CodingKeys: String, CodingKey {
    case points
    case bucketSeconds = "bucket_seconds"
  }
}
