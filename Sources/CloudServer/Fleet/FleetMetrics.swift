import Prometheus
import Synchronization
import Wire

/// The fleet's Prometheus series, registered beside the server's own.
///
/// No series has a device label: a fleet of thousands adds a fixed handful of series (plus one per
/// model version), never one per device.
final class FleetMetrics: Sendable {
  private let registry: PrometheusCollectorRegistry
  private let messages: [Topics.Kind: Counter]
  private let malformed: Counter
  private let windows: [DecisionZone: Counter]
  private let escalationsNormal: Counter
  private let escalationsAnomaly: Counter
  private let fallbacks: Counter
  private let otaSteps: [OTAStep: Counter]
  private let sequenceGaps: Counter
  private let sequenceDuplicates: Counter
  private let devices: [DeviceHealth: Gauge]
  private let queueDepth: Gauge
  private let backingOff: Gauge
  private let versionDevices = Mutex<[Int: Gauge]>([:])

  private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
    MetricNameDescriptor(
      namespace: "edgehybrid", subsystem: "fleet", metricName: metric, unitName: unit, helpText: help)
  }

  init(registry: PrometheusCollectorRegistry) {
    self.registry = registry
    let messageName = Self.name("telemetry_messages", "total", "Telemetry messages accepted, by topic.")
    messages = Dictionary(
      uniqueKeysWithValues: Topics.Kind.allCases.map {
        ($0, registry.makeCounter(descriptor: messageName, labels: [("topic", $0.rawValue)]))
      })
    malformed = registry.makeCounter(
      descriptor: Self.name("telemetry_malformed", "total", "Telemetry messages refused as malformed."))
    let windowName = Self.name("windows", "total", "Windows decided by devices, by decision zone.")
    windows = Dictionary(
      uniqueKeysWithValues: DecisionZone.allCases.map {
        ($0, registry.makeCounter(descriptor: windowName, labels: [("zone", $0.rawValue)]))
      })
    let escalationName = Self.name(
      "escalations", "total", "Escalations answered by the cloud as devices reported them, by verdict.")
    escalationsNormal = registry.makeCounter(
      descriptor: escalationName, labels: [("classification", "normal")])
    escalationsAnomaly = registry.makeCounter(
      descriptor: escalationName, labels: [("classification", "anomaly")])
    fallbacks = registry.makeCounter(
      descriptor: Self.name(
        "fallbacks", "total", "Ambiguous windows devices decided by the closer threshold (cloud unreachable)."
      ))
    let otaName = Self.name("ota_events", "total", "OTA update steps reported by devices, by step.")
    otaSteps = Dictionary(
      uniqueKeysWithValues: OTAStep.allCases.map {
        ($0, registry.makeCounter(descriptor: otaName, labels: [("step", $0.rawValue)]))
      })
    sequenceGaps = registry.makeCounter(
      descriptor: Self.name(
        "sequence_gaps", "total", "Telemetry messages missing from devices' seq counters."))
    sequenceDuplicates = registry.makeCounter(
      descriptor: Self.name(
        "sequence_duplicates", "total", "Telemetry messages received again (seq not new)."))
    let deviceName = Self.name("devices", "", "Devices known to the fleet state, by health.")
    devices = Dictionary(
      uniqueKeysWithValues: DeviceHealth.allCases.map {
        ($0, registry.makeGauge(descriptor: deviceName, labels: [("health", $0.rawValue)]))
      })
    queueDepth = registry.makeGauge(
      descriptor: Self.name("escalation_queue_depth", "", "Escalations waiting in devices' queues, summed."))
    backingOff = registry.makeGauge(
      descriptor: Self.name("devices_backing_off", "", "Devices currently backing off from the cloud."))
  }

  func recordMessage(_ kind: Topics.Kind) { messages[kind]?.increment() }
  func recordMalformed() { malformed.increment() }
  func recordWindows(_ counts: DecisionCounts) {
    for zone in DecisionZone.allCases where counts[zone] > 0 {
      windows[zone]?.increment(by: Int64(counts[zone]))
    }
  }
  func recordEscalation(_ event: EscalationEvent) {
    if event.fallback {
      fallbacks.increment()
    } else if event.cloudClassification == 1 {
      escalationsAnomaly.increment()
    } else {
      escalationsNormal.increment()
    }
  }
  func recordOTA(_ step: OTAStep) { otaSteps[step]?.increment() }
  func recordSequence(_ outcome: SequenceStatistics.Outcome) {
    switch outcome {
    case .inOrder: break
    case .gap(let missing): sequenceGaps.increment(by: Int64(missing))
    case .duplicate: sequenceDuplicates.increment()
    }
  }

  /// Sets the gauges from a sweep of every device.
  func setGauges(health: [DeviceHealth: Int], queueDepth: Int, backingOff: Int, versions: [Int: Int]) {
    for (state, gauge) in devices { gauge.set(Double(health[state] ?? 0)) }
    self.queueDepth.set(Double(queueDepth))
    self.backingOff.set(Double(backingOff))
    versionDevices.withLock { gauges in
      for version in Set(gauges.keys).union(versions.keys) {
        let gauge =
          gauges[version]
          ?? registry.makeGauge(
            descriptor: Self.name("model_version_devices", "", "Devices running each edge model version."),
            labels: [("version", String(version))])
        gauges[version] = gauge
        gauge.set(Double(versions[version] ?? 0))
      }
    }
  }
}
