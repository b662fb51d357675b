import Logging
import Synchronization
import Wire

/// The live picture of the device fleet, fed by telemetry (from MQTT or in-process) and by server code.
///
/// Per device: online/offline/stale, last seen, model version, uptime, decision counts by zone, escalation
/// rate, backoff, queue depth, OTA history, last decision and `seq` gaps/duplicates. Fleet-wide: decisions
/// in time buckets, model version transitions, recent escalations with verdicts, retraining history and
/// per-version statistics. Silence is judged on the server clock; every method takes `now` so tests need no waiting.
public actor FleetState {
  /// Limits and intervals.
  public nonisolated let configuration: FleetConfiguration
  let metrics: FleetMetrics?
  private let logger: Logger

  var tracked: [String: TrackedDevice] = [:]
  var series: FleetTimeSeries
  var versionTotals: [Int: ModelVersionStatistics] = [:]
  var transitions: [ModelTransition] = []
  var escalations: [RecentEscalation] = []
  var retraining: [RetrainingRecord] = []
  var malformed = MalformedTelemetry()
  private var lastHealth: [String: DeviceHealth] = [:]

  /// `/classify` verdicts not yet listed: requests hand them over without an actor hop.
  private nonisolated let pendingVerdicts: Mutex<PendingVerdicts>
  /// Changes counted so far (without the pending verdicts).
  private var changes: UInt64 = 0

  /// Increases with every change; an event stream sends a snapshot when it moved.
  public var revision: UInt64 {
    listPendingVerdicts()
    return changes
  }

  /// An empty fleet state.
  public init(configuration: FleetConfiguration = FleetConfiguration(), logger: Logger? = nil) {
    self.init(configuration: configuration, metrics: nil, logger: logger)
  }

  init(configuration: FleetConfiguration, metrics: FleetMetrics?, logger: Logger?) {
    self.configuration = configuration
    self.metrics = metrics
    self.logger = logger ?? Logger(label: "edgehybrid.fleet")
    series = FleetTimeSeries(width: configuration.bucketWidth.inSeconds, capacity: configuration.bucketCount)
    pendingVerdicts = Mutex(PendingVerdicts(limit: configuration.recentEscalationLimit))
  }

  /// Takes in one device message received at `now`. `retained` marks a broker's stored copy (replayed on
  /// subscribe): it updates what is missing but is not counted as a duplicate nor taken as fresh contact.
  public func ingest(_ event: TelemetryEvent, retained: Bool = false, at now: WireTimestamp = .now()) {
    changes += 1
    metrics?.recordMessage(event.kind)
    let contact = retained ? min(now, eventTime(event)) : now
    var device = tracked[event.deviceID] ?? TrackedDevice(id: event.deviceID, now: contact)
    device.state.messages += 1
    device.state.lastSeen = max(device.state.lastSeen, contact)
    if !retained && !event.isOfflineStatus {
      if case .status(let status) = event, let uptime = device.state.uptimeS, status.uptimeS < uptime {
        device.state.sequence.restart(at: status.seq)
      } else {
        let outcome = device.state.sequence.observe(event.seq)
        metrics?.recordSequence(outcome)
      }
    }
    switch event {
    case .status(let status): apply(status, to: &device, at: now)
    case .inference(let inference): apply(inference, to: &device, at: now)
    case .escalation(let escalation): apply(escalation, to: &device, at: now)
    case .ota(let ota): apply(ota, to: &device, at: now)
    }
    tracked[event.deviceID] = device
  }

  /// Counts a message that was not valid telemetry, keeping the reason for the dashboard.
  public func recordMalformed(reason: String, at now: WireTimestamp = .now()) {
    changes += 1
    metrics?.recordMalformed()
    malformed.record(reason, at: now)
  }

  /// Lists a verdict this server's `/classify` gave, beside the ones devices report; it returns at once
  /// (no wait for the actor) and the verdict is listed before the next look at the fleet state.
  public nonisolated func recordCloudVerdict(
    deviceID: String, edgeMSE: Double, modelVersion: Int?, verdict: CloudVerdict,
    at now: WireTimestamp = .now()
  ) {
    let escalation = RecentEscalation(
      ts: now, deviceID: deviceID, source: .server, edgeMSE: edgeMSE,
      classification: verdict.classification,
      confidence: verdict.confidence, fallback: false, latencyMS: nil, cloudMSE: verdict.cloudMSE,
      cloudModel: verdict.cloudModel, modelVersion: modelVersion)
    pendingVerdicts.withLock { $0.append(escalation) }
  }

  /// Lists the `/classify` verdicts handed over since the last look, in the order they were given.
  func listPendingVerdicts() {
    let (verdicts, count) = pendingVerdicts.withLock { $0.take() }
    changes += count
    for verdict in verdicts { keep(verdict) }
  }

  /// Adds a retraining run to the history, or updates the one that started at the same time
  /// (so a run can be recorded when it starts and again when it ends).
  public func recordRetraining(_ record: RetrainingRecord) {
    changes += 1
    if let index = retraining.firstIndex(where: { $0.startedAt == record.startedAt }) {
      retraining[index] = record
    } else {
      retraining.append(record)
      retraining.sort { $0.startedAt < $1.startedAt }
      if retraining.count > configuration.retrainingLimit {
        retraining.removeFirst(retraining.count - configuration.retrainingLimit)
      }
    }
  }

  /// Re-judges every device's health at `now` (silence makes devices stale) and refreshes the gauges;
  /// the revision moves when a health changed.
  public func sweep(at now: WireTimestamp = .now()) {
    let staleAfter = configuration.staleAfter.inSeconds
    var health: [String: DeviceHealth] = [:]
    var byHealth: [DeviceHealth: Int] = [:]
    var versions: [Int: Int] = [:]
    var queueDepth = 0
    var backingOff = 0
    for (id, device) in tracked {
      let state = device.state.health(at: now, staleAfter: staleAfter)
      health[id] = state
      byHealth[state, default: 0] += 1
      if let version = device.state.modelVersion { versions[version, default: 0] += 1 }
      if state != .offline {
        queueDepth += device.state.queueDepth
        if device.state.backoffS > 0 { backingOff += 1 }
      }
    }
    if health != lastHealth {
      lastHealth = health
      changes += 1
    }
    metrics?.setGauges(health: byHealth, queueDepth: queueDepth, backingOff: backingOff, versions: versions)
  }

  private func apply(_ status: StatusEvent, to device: inout TrackedDevice, at now: WireTimestamp) {
    guard status.state == .online else {
      device.state.state = .offline
      return
    }
    device.state.state = .online
    noteVersion(status.modelVersion, of: &device, at: now)
    device.state.uptimeS = status.uptimeS
    device.state.backoffS = status.backoffS
    device.state.queueDepth = status.queueDepth
    device.state.freeHeap = status.freeHeap
    guard let counts = status.counts else { return }
    let previous = device.countsBaseline
    device.reportsCounts = true
    device.countsBaseline = counts
    device.state.counts = counts
    device.state.escalationRate = counts.escalationRate
    guard let previous else { return }
    account(counts.since(previous) ?? counts, version: status.modelVersion, of: &device, at: now)
  }

  private func apply(_ inference: InferenceEvent, to device: inout TrackedDevice, at now: WireTimestamp) {
    if device.state.modelVersion == nil { device.state.modelVersion = inference.modelVersion }
    let zone: DecisionZone = inference.decision == .anomaly ? .anomaly : .normal
    device.state.lastDecision = LastDecision(
      ts: inference.ts, zone: zone, classification: zone == .anomaly ? 1 : 0, mse: inference.mse)
    countEvent(zone, of: &device, version: inference.modelVersion, at: now)
  }

  private func apply(_ escalation: EscalationEvent, to device: inout TrackedDevice, at now: WireTimestamp) {
    metrics?.recordEscalation(escalation)
    let zone: DecisionZone = escalation.fallback ? .fallback : .escalated
    device.state.lastDecision = LastDecision(
      ts: escalation.ts, zone: zone, classification: escalation.cloudClassification, mse: escalation.edgeMSE)
    let version = device.state.modelVersion
    if let version {
      versionTotals[version, default: ModelVersionStatistics(version: version)].escalationEvents += 1
      if !escalation.fallback && escalation.cloudClassification == 1 {
        versionTotals[version, default: ModelVersionStatistics(version: version)].cloudAnomalies += 1
      }
    }
    remember(
      RecentEscalation(
        ts: escalation.ts, deviceID: escalation.deviceID, source: .device, edgeMSE: escalation.edgeMSE,
        classification: escalation.cloudClassification, confidence: escalation.cloudConfidence,
        fallback: escalation.fallback, latencyMS: escalation.latencyMS, cloudMSE: nil, cloudModel: nil,
        modelVersion: version))
    countEvent(zone, of: &device, version: version, at: now)
  }

  private func apply(_ ota: OTAEvent, to device: inout TrackedDevice, at now: WireTimestamp) {
    metrics?.recordOTA(ota.event)
    device.state.ota.append(ota)
    if device.state.ota.count > configuration.otaHistoryLimit {
      device.state.ota.removeFirst(device.state.ota.count - configuration.otaHistoryLimit)
    }
    switch ota.event {
    case .applied:
      noteVersion(ota.toVersion, of: &device, at: now, cause: .applied, assumedFrom: ota.fromVersion)
    case .rolledBack:
      device.rolledBackVersions.insert(ota.fromVersion)
      noteVersion(ota.toVersion, of: &device, at: now, cause: .rolledBack, assumedFrom: ota.fromVersion)
    case .check, .download, .verified, .rejected:
      break
    }
  }

  /// Records the version a device runs; a change is a transition (caused by the OTA step seen before it).
  private func noteVersion(
    _ version: Int, of device: inout TrackedDevice, at now: WireTimestamp,
    cause: ModelTransition.Cause? = nil,
    assumedFrom: Int? = nil
  ) {
    let previous = device.state.modelVersion ?? assumedFrom
    device.state.modelVersion = version
    guard let previous, previous != version else { return }
    transitions.append(
      ModelTransition(
        at: now, deviceID: device.state.id, fromVersion: previous, toVersion: version,
        cause: cause ?? device.pendingCause ?? .observed))
    device.pendingCause = nil
    if transitions.count > configuration.transitionLimit {
      transitions.removeFirst(transitions.count - configuration.transitionLimit)
    }
  }

  /// One window reported by an event; ignored for counting when the device sends exact totals in its status.
  private func countEvent(
    _ zone: DecisionZone, of device: inout TrackedDevice, version: Int?, at now: WireTimestamp
  ) {
    guard !device.reportsCounts else { return }
    device.state.counts[zone] += 1
    device.state.escalationRate = device.state.counts.escalationRate
    account(DecisionCounts(zone: zone), version: version, of: &device, at: now)
  }

  /// Adds newly decided windows to the time series, the version totals, the device's own per-version totals
  /// and the counters.
  private func account(
    _ delta: DecisionCounts, version: Int?, of device: inout TrackedDevice, at now: WireTimestamp
  ) {
    guard delta.windows > 0 else { return }
    series.record(delta, at: now)
    if let version {
      versionTotals[version, default: ModelVersionStatistics(version: version)].counts.add(delta)
      device.countsByVersion[version, default: DecisionCounts()].add(delta)
    }
    metrics?.recordWindows(delta)
  }

  private func remember(_ escalation: RecentEscalation) {
    listPendingVerdicts()
    keep(escalation)
  }

  private func keep(_ escalation: RecentEscalation) {
    escalations.append(escalation)
    if escalations.count > configuration.recentEscalationLimit {
      escalations.removeFirst(escalations.count - configuration.recentEscalationLimit)
    }
  }

  private func eventTime(_ event: TelemetryEvent) -> WireTimestamp {
    switch event {
    case .inference(let event): event.ts
    case .escalation(let event): event.ts
    case .status(let event): event.ts
    case .ota(let event): event.ts
    }
  }
}

/// A device's public state plus what the fleet state needs to account its counts.
struct TrackedDevice: Sendable {
  var state: FleetDevice
  /// The totals of its last status, to turn the next one into windows decided in between.
  var countsBaseline: DecisionCounts?
  /// Whether its status carries exact totals (then events are not counted again).
  var reportsCounts = false
  /// The cause to give the next version change (set by an OTA step seen before the status that shows it).
  var pendingCause: ModelTransition.Cause?
  /// Windows it decided with each edge model version, so a canary can be compared with its own past.
  var countsByVersion: [Int: DecisionCounts] = [:]
  /// Versions it went back from (a failed self-test, its health watch, a restart mid-update, a signed rollback).
  var rolledBackVersions: Set<Int> = []

  init(id: String, now: WireTimestamp) {
    state = FleetDevice(id: id, now: now)
  }
}

extension TelemetryEvent {
  /// A status saying offline: a last will or a clean stop, whose `seq` may be as old as the connection.
  var isOfflineStatus: Bool {
    if case .status(let status) = self { return status.state == .offline }
    return false
  }
}
