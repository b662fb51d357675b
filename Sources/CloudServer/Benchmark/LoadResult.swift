/// What a load run measured.
public struct LoadResult: Codable, Sendable, Equatable {
  /// Requests answered with a 2xx status.
  public var succeeded: Int
  /// Requests answered with another status.
  public var failedStatus: Int
  /// Connections that broke (refused, reset, timed out).
  public var connectionErrors: Int
  /// Measured wall time in seconds.
  public var seconds: Double
  /// Successful requests per second.
  public var requestsPerSecond: Double
  /// Median latency in milliseconds.
  public var p50Ms: Double
  /// 90th percentile latency in milliseconds.
  public var p90Ms: Double
  /// 99th percentile latency in milliseconds.
  public var p99Ms: Double
  /// Largest latency in milliseconds.
  public var maxMs: Double

  /// Summarizes latencies (microseconds) of answered requests.
  init(
    latenciesMicroseconds: [UInt32], succeeded: Int, failedStatus: Int, connectionErrors: Int, seconds: Double
  ) {
    let sorted = latenciesMicroseconds.sorted()
    func percentile(_ p: Double) -> Double {
      guard !sorted.isEmpty else { return 0 }
      let index = min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)
      return Double(sorted[max(0, index)]) / 1000
    }
    self.succeeded = succeeded
    self.failedStatus = failedStatus
    self.connectionErrors = connectionErrors
    self.seconds = seconds
    requestsPerSecond = seconds > 0 ? Double(succeeded) / seconds : 0
    p50Ms = percentile(0.5)
    p90Ms = percentile(0.9)
    p99Ms = percentile(0.99)
    maxMs = Double(sorted.last ?? 0) / 1000
  }

  enum CodingKeys: String, CodingKey {
    case succeeded, seconds
    case failedStatus = "failed_status"
    case connectionErrors = "connection_errors"
    case requestsPerSecond = "requests_per_s"
    case p50Ms = "p50_ms"
    case p90Ms = "p90_ms"
    case p99Ms = "p99_ms"
    case maxMs = "max_ms"
  }
}
