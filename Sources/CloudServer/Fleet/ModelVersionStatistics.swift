import Wire

/// How one edge model version behaves across the fleet: what a rollout compares between a canary and the rest.
public struct ModelVersionStatistics: Codable, Sendable, Equatable {
  /// The edge model version (nil for the aggregate of several).
  public var version: Int?
  /// Devices running it now.
  public var devices: Int
  /// Of those, devices online (not offline, not stale).
  public var onlineDevices: Int
  /// Windows it decided, by zone.
  public var counts: DecisionCounts
  /// Escalation outcomes devices reported for it (cloud answers and fallbacks).
  public var escalationEvents: UInt64
  /// Of those answered by the cloud, how many the cloud called anomalous.
  public var cloudAnomalies: UInt64

  /// Windows decided.
  public var windows: UInt64 { counts.windows }
  /// Ambiguous windows (cloud or fallback) as a share of windows; nil before the first window.
  public var escalationRate: Double? { counts.escalationRate }
  /// Windows decided anomalous on the device, as a share; nil before the first window.
  public var localAnomalyRate: Double? { share(counts.anomaly) }
  /// Windows decided by the fallback threshold, as a share; nil before the first window.
  public var fallbackRate: Double? { share(counts.fallback) }

  /// Empty statistics for `version`.
  public init(version: Int?) {
    self.version = version
    devices = 0
    onlineDevices = 0
    counts = DecisionCounts()
    escalationEvents = 0
    cloudAnomalies = 0
  }

  /// The sum of several versions' statistics (e.g. every version but the canary), with no version.
  public init(combining parts: some Sequence<ModelVersionStatistics>) {
    self.init(version: nil)
    for part in parts {
      devices += part.devices
      onlineDevices += part.onlineDevices
      counts.add(part.counts)
      escalationEvents += part.escalationEvents
      cloudAnomalies += part.cloudAnomalies
    }
  }

  private func share(_ count: UInt64) -> Double? {
    windows == 0 ? nil : Double(count) / Double(windows)
  }

  enum CodingKeys: String, CodingKey {
    case version, devices, counts, windows
    case onlineDevices = "online_devices"
    case escalationEvents = "escalation_events"
    case cloudAnomalies = "cloud_anomalies"
    case escalationRate = "escalation_rate"
    case localAnomalyRate = "local_anomaly_rate"
    case fallbackRate = "fallback_rate"
  }

  /// Encodes the stored figures and the derived rates.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(version, forKey: .version)
    try container.encode(devices, forKey: .devices)
    try container.encode(onlineDevices, forKey: .onlineDevices)
    try container.encode(counts, forKey: .counts)
    try container.encode(windows, forKey: .windows)
    try container.encode(escalationEvents, forKey: .escalationEvents)
    try container.encode(cloudAnomalies, forKey: .cloudAnomalies)
    try container.encode(escalationRate, forKey: .escalationRate)
    try container.encode(localAnomalyRate, forKey: .localAnomalyRate)
    try container.encode(fallbackRate, forKey: .fallbackRate)
  }

  /// Decodes the stored figures (the rates are derived).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    version = try container.decodeIfPresent(Int.self, forKey: .version)
    devices = try container.decode(Int.self, forKey: .devices)
    onlineDevices = try container.decode(Int.self, forKey: .onlineDevices)
    counts = try container.decode(DecisionCounts.self, forKey: .counts)
    escalationEvents = try container.decode(UInt64.self, forKey: .escalationEvents)
    cloudAnomalies = try container.decode(UInt64.self, forKey: .cloudAnomalies)
  }
}

/// Every model version's statistics at one moment, with the comparisons a rollout needs.
public struct FleetVersionStatistics: Codable, Sendable, Equatable {
  /// One entry per version seen, ascending.
  public var versions: [ModelVersionStatistics]

  /// The statistics of `version`, or empty ones if it was never seen.
  public subscript(version: Int) -> ModelVersionStatistics {
    versions.first { $0.version == version } ?? ModelVersionStatistics(version: version)
  }

  /// Every version except `version`, combined: the baseline a canary is compared with.
  public func excluding(_ version: Int) -> ModelVersionStatistics {
    ModelVersionStatistics(combining: versions.filter { $0.version != version })
  }
}
