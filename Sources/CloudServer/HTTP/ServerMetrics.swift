import Prometheus
import Synchronization

/// The server's Prometheus metrics (one registry per server, so tests can run several in a process).
///
/// Following Prometheus naming: base units (seconds, bytes), `_total` counters, and no per-device
/// label on any series, so a fleet of thousands does not multiply the series count.
public final class ServerMetrics: Sendable {
  /// The registry `/metrics` renders.
  public let registry = PrometheusCollectorRegistry()

  private struct RouteKey: Hashable {
    var route: String
    var method: String
    var status: Int
  }

  private struct LatencyKey: Hashable {
    var route: String
    var method: String
  }

  private let requests = Mutex<[RouteKey: Counter]>([:])
  private let latencies = Mutex<[LatencyKey: DurationHistogram]>([:])
  private let escalationsNormal: Counter
  private let escalationsAnomaly: Counter
  private let duplicates: Counter
  private let batchSizes: ValueHistogram
  private let commitDurations: DurationHistogram
  private let edgeVersion: Gauge
  private let canaryVersion: Gauge
  private let cloudVersion: Gauge
  private let storedEscalations: Gauge
  private let storedSummaries: Gauge
  private let storeBytes: Gauge

  private static let latencyBuckets: [Duration] = [
    .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
    .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
    .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
  ]

  /// Creates every fixed series.
  public init() {
    func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
      MetricNameDescriptor(namespace: "edgehybrid", metricName: metric, unitName: unit, helpText: help)
    }
    let escalations = name("escalations", "total", "Escalations stored, by cloud classification.")
    escalationsNormal = registry.makeCounter(descriptor: escalations, labels: [("classification", "normal")])
    escalationsAnomaly = registry.makeCounter(
      descriptor: escalations, labels: [("classification", "anomaly")])
    duplicates = registry.makeCounter(
      descriptor: name(
        "escalation_retries", "total", "Escalations received again with a known escalation_id."))
    batchSizes = registry.makeValueHistogram(
      descriptor: name("group_commit_batch", "size", "Write jobs committed per transaction."),
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024])
    commitDurations = registry.makeDurationHistogram(
      descriptor: name("group_commit_duration", "seconds", "Time to commit and sync one batch."),
      buckets: Self.latencyBuckets)
    edgeVersion = registry.makeGauge(
      descriptor: name("edge_model_version", "", "Version of the current edge model (0 when none)."))
    canaryVersion = registry.makeGauge(
      descriptor: name("edge_model_canary_version", "", "Version of the edge model in canary (0 when none)."))
    cloudVersion = registry.makeGauge(
      descriptor: name(
        "cloud_model_version", "", "Version of the cloud model answering /classify (0 when none)."))
    storedEscalations = registry.makeGauge(
      descriptor: name("store_escalations", "", "Escalations in the store."))
    storedSummaries = registry.makeGauge(
      descriptor: name("store_summaries", "", "Feature summaries in the store."))
    storeBytes = registry.makeGauge(descriptor: name("store_size", "bytes", "Size of the store on disk."))
  }

  /// Counts one answered request and its latency under its route pattern.
  public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
    let counter = requests.withLock { counters in
      let key = RouteKey(route: route, method: method, status: status)
      if let counter = counters[key] { return counter }
      let counter = registry.makeCounter(
        descriptor: MetricNameDescriptor(
          namespace: "edgehybrid", subsystem: "http", metricName: "requests", unitName: "total",
          helpText: "HTTP requests answered, by route pattern, method and status."),
        labels: [("route", route), ("method", method), ("status", String(status))])
      counters[key] = counter
      return counter
    }
    counter.increment()
    let histogram = latencies.withLock { histograms in
      let key = LatencyKey(route: route, method: method)
      if let histogram = histograms[key] { return histogram }
      let histogram = registry.makeDurationHistogram(
        descriptor: MetricNameDescriptor(
          namespace: "edgehybrid", subsystem: "http", metricName: "request_duration", unitName: "seconds",
          helpText: "Time from request head to response, by route pattern and method."),
        labels: [("route", route), ("method", method)], buckets: Self.latencyBuckets)
      histograms[key] = histogram
      return histogram
    }
    histogram.record(duration)
  }

  /// Counts a stored escalation (or a retry of one) by verdict.
  public func recordEscalation(classification: Int, duplicate: Bool) {
    if duplicate {
      duplicates.increment()
    } else if classification == 1 {
      escalationsAnomaly.increment()
    } else {
      escalationsNormal.increment()
    }
  }

  /// Records one group commit.
  public func recordBatch(size: Int, duration: Duration) {
    batchSizes.record(Double(size))
    commitDurations.record(duration)
  }

  /// Sets the model version gauges.
  public func setModelVersions(edge: Int?, canary: Int?, cloud: Int?) {
    edgeVersion.set(Double(edge ?? 0))
    canaryVersion.set(Double(canary ?? 0))
    cloudVersion.set(Double(cloud ?? 0))
  }

  /// Sets the store gauges.
  public func setStore(escalations: Int, summaries: Int, bytes: Int) {
    storedEscalations.set(Double(escalations))
    storedSummaries.set(Double(summaries))
    storeBytes.set(Double(bytes))
  }

  /// The Prometheus text exposition of every series.
  public func render() -> [UInt8] { registry.emitToBuffer() }
}
