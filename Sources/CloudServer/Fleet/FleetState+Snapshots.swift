import Wire

/// What the routes, the dashboard and the rollout controller read.
extension FleetState {
  /// Every device with its health judged at `now`, ordered by id.
  public func devices(at now: WireTimestamp = .now()) -> [FleetDevice] {
    tracked.keys.sorted().compactMap { device($0, at: now) }
  }

  /// The ids of every device heard of (what the canary cohort needs, without building each device's state).
  public func deviceIDs() -> [String] { Array(tracked.keys) }

  /// One device with its health judged at `now`; nil when never heard of.
  public func device(_ id: String, at now: WireTimestamp = .now()) -> FleetDevice? {
    guard var device = tracked[id]?.state else { return nil }
    device.health = device.health(at: now, staleAfter: configuration.staleAfter.inSeconds)
    return device
  }

  /// Per edge model version: devices on it now and the windows, escalations, local anomalies and
  /// fallbacks it decided (what a staged rollout compares between the canary and the rest).
  public func versionStatistics(at now: WireTimestamp = .now()) -> FleetVersionStatistics {
    var statistics = versionTotals
    let staleAfter = configuration.staleAfter.inSeconds
    for device in tracked.values {
      guard let version = device.state.modelVersion else { continue }
      statistics[version, default: ModelVersionStatistics(version: version)].devices += 1
      switch device.state.health(at: now, staleAfter: staleAfter) {
      case .ok, .degraded: statistics[version]?.onlineDevices += 1
      case .stale, .offline: break
      }
    }
    return FleetVersionStatistics(versions: statistics.keys.sorted().compactMap { statistics[$0] })
  }

  /// Fleet totals, time series and histories at `now` (everything but the per-device list).
  public func overview(at now: WireTimestamp = .now()) -> FleetOverview {
    listPendingVerdicts()
    var summary = FleetSummary()
    let staleAfter = configuration.staleAfter.inSeconds
    for device in tracked.values.map(\.state) {
      summary.devices += 1
      summary.health[device.health(at: now, staleAfter: staleAfter)] += 1
      summary.counts.add(device.counts)
      summary.messages += device.messages
      summary.sequenceGaps += device.sequence.gaps
      summary.sequenceDuplicates += device.sequence.duplicates
      if device.state == .online {
        summary.queueDepth += device.queueDepth
        if device.backoffS > 0 { summary.backingOff += 1 }
      }
    }
    summary.escalationRate = summary.counts.escalationRate
    return FleetOverview(
      generatedAt: now, revision: revision, staleAfterS: staleAfter, summary: summary,
      series: series.samples(endingAt: now), versions: versionStatistics(at: now).versions,
      transitions: transitions.reversed(), escalations: escalations.reversed(),
      retraining: retraining.reversed(),
      malformed: malformed)
  }

  /// The overview and every device: one dashboard update.
  public func dashboard(at now: WireTimestamp = .now()) -> FleetDashboard {
    FleetDashboard(overview: overview(at: now), devices: devices(at: now))
  }
}

/// Devices by health colour.
public struct HealthCounts: Codable, Sendable, Equatable {
  /// Reporting normally.
  public var ok = 0
  /// Backing off or queueing.
  public var degraded = 0
  /// Silent too long.
  public var stale = 0
  /// Said offline.
  public var offline = 0

  /// The count of one health.
  public subscript(health: DeviceHealth) -> Int {
    get {
      switch health {
      case .ok: ok
      case .degraded: degraded
      case .stale: stale
      case .offline: offline
      }
    }
    set {
      switch health {
      case .ok: ok = newValue
      case .degraded: degraded = newValue
      case .stale: stale = newValue
      case .offline: offline = newValue
      }
    }
  }
}

/// Fleet-wide totals at one moment.
public struct FleetSummary: Codable, Sendable, Equatable {
  /// Devices ever heard of.
  public var devices = 0
  /// Devices by health.
  public var health = HealthCounts()
  /// Windows decided by all devices since they started, by zone.
  public var counts = DecisionCounts()
  /// Ambiguous share of all windows; nil before the first.
  public var escalationRate: Double?
  /// Escalations waiting in online devices' queues.
  public var queueDepth = 0
  /// Online devices backing off from the cloud.
  public var backingOff = 0
  /// Telemetry messages received.
  public var messages: UInt64 = 0
  /// Messages missing from devices' `seq` counters.
  public var sequenceGaps: UInt64 = 0
  /// Messages received twice.
  public var sequenceDuplicates: UInt64 = 0

  enum CodingKeys: String, CodingKey {
    case devices, health, counts, messages
    case escalationRate = "escalation_rate"
    case queueDepth = "queue_depth"
    case backingOff = "backing_off"
    case sequenceGaps = "sequence_gaps"
    case sequenceDuplicates = "sequence_duplicates"
  }
}

/// `GET /api/fleet`: totals, time series, versions and histories (newest first).
public struct FleetOverview: Codable, Sendable, Equatable {
  /// When it was taken (server clock).
  public var generatedAt: WireTimestamp
  /// The fleet state's revision it reflects.
  public var revision: UInt64
  /// Silence in seconds after which a device is stale.
  public var staleAfterS: Double
  /// Totals.
  public var summary: FleetSummary
  /// Decisions over time.
  public var series: FleetSeries
  /// Per model version statistics, ascending.
  public var versions: [ModelVersionStatistics]
  /// Model version transitions, newest first.
  public var transitions: [ModelTransition]
  /// Recent escalations with verdicts, newest first.
  public var escalations: [RecentEscalation]
  /// Retraining runs, newest first.
  public var retraining: [RetrainingRecord]
  /// Refused telemetry.
  public var malformed: MalformedTelemetry

  enum CodingKeys: String, CodingKey {
    case revision, summary, series, versions, transitions, escalations, retraining, malformed
    case generatedAt = "generated_at"
    case staleAfterS = "stale_after_s"
  }
}

/// One dashboard update (`GET /api/dashboard` and each `snapshot` event of `GET /api/events`).
public struct FleetDashboard: Codable, Sendable, Equatable {
  /// Totals, series and histories.
  public var overview: FleetOverview
  /// Every device, ordered by id.
  public var devices: [FleetDevice]
}
