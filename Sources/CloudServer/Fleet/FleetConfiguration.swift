/// How the fleet state judges silence, buckets time and bounds its histories.
public struct FleetConfiguration: Sendable {
  /// Silence after which an online device is shown stale (default 60 s: several status periods).
  public var staleAfter: Duration
  /// Width of one time-series bucket (default 10 s).
  public var bucketWidth: Duration
  /// Buckets kept (default 90: 15 minutes at 10 s).
  public var bucketCount: Int
  /// OTA events kept per device (default 10).
  public var otaHistoryLimit: Int
  /// Recent escalations kept fleet-wide (default 50).
  public var recentEscalationLimit: Int
  /// Model version transitions kept fleet-wide (default 100).
  public var transitionLimit: Int
  /// Retraining runs kept (default 50).
  public var retrainingLimit: Int
  /// How often stale devices are re-judged and the gauges refreshed (default 1 s).
  public var sweepInterval: Duration
  /// How often an event stream checks for changes to send (default 1 s).
  public var eventInterval: Duration
  /// Longest silence on an event stream before a heartbeat comment (default 15 s; proxies cut idle streams).
  public var heartbeatInterval: Duration

  /// The defaults `edgehybrid serve` uses.
  public init(
    staleAfter: Duration = .seconds(60), bucketWidth: Duration = .seconds(10), bucketCount: Int = 90,
    otaHistoryLimit: Int = 10, recentEscalationLimit: Int = 50, transitionLimit: Int = 100,
    retrainingLimit: Int = 50, sweepInterval: Duration = .seconds(1), eventInterval: Duration = .seconds(1),
    heartbeatInterval: Duration = .seconds(15)
  ) {
    self.staleAfter = staleAfter
    self.bucketWidth = bucketWidth
    self.bucketCount = bucketCount
    self.otaHistoryLimit = otaHistoryLimit
    self.recentEscalationLimit = recentEscalationLimit
    self.transitionLimit = transitionLimit
    self.retrainingLimit = retrainingLimit
    self.sweepInterval = sweepInterval
    self.eventInterval = eventInterval
    self.heartbeatInterval = heartbeatInterval
  }
}

extension Duration {
  /// The duration in seconds as a floating-point number.
  var inSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
