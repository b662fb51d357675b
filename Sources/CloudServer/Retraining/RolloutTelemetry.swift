import Wire

/// What devices running one edge model version reported: the rollout controller's input.
public struct ModelVersionTelemetry: Sendable, Equatable {
  /// Devices that reported.
  public var devices: Int
  /// Windows they evaluated.
  public var windows: Int
  /// Windows they escalated to the cloud.
  public var escalations: Int
  /// Windows they decided anomalous on the device.
  public var localAnomalies: Int
  /// Devices that rolled it back on their own (their health watch found it misbehaving).
  public var rollbacks: Int

  /// Telemetry from its counts.
  public init(
    devices: Int = 0, windows: Int = 0, escalations: Int = 0, localAnomalies: Int = 0, rollbacks: Int = 0
  ) {
    self.devices = devices
    self.windows = windows
    self.escalations = escalations
    self.localAnomalies = localAnomalies
    self.rollbacks = rollbacks
  }

  /// The sum of what several devices reported, counting each device once.
  public init(combining reports: some Sequence<DeviceVersionTelemetry>) {
    self.init()
    var devices = Set<String>()
    for report in reports {
      devices.insert(report.deviceID)
      windows += report.windows
      escalations += report.escalations
      localAnomalies += report.localAnomalies
      if report.rolledBack { rollbacks += 1 }
    }
    self.devices = devices.count
  }

  /// Escalations per window (0 without windows).
  public var escalationRate: Double { windows > 0 ? Double(escalations) / Double(windows) : 0 }
  /// Local anomalies per window (0 without windows).
  public var anomalyRate: Double { windows > 0 ? Double(localAnomalies) / Double(windows) : 0 }
}

/// What one device reported while it ran one edge model version, so that a canary device can be compared
/// with itself on the version before.
public struct DeviceVersionTelemetry: Sendable, Equatable {
  /// The device.
  public var deviceID: String
  /// The edge model version it ran.
  public var version: Int
  /// Windows it evaluated with that version.
  public var windows: Int
  /// Of those, windows it escalated to the cloud.
  public var escalations: Int
  /// Of those, windows it decided anomalous on the device.
  public var localAnomalies: Int
  /// Whether it went back from this version (on its own, or sent back).
  public var rolledBack: Bool

  /// A device's counts on one version.
  public init(
    deviceID: String, version: Int, windows: Int = 0, escalations: Int = 0, localAnomalies: Int = 0,
    rolledBack: Bool = false
  ) {
    self.deviceID = deviceID
    self.version = version
    self.windows = windows
    self.escalations = escalations
    self.localAnomalies = localAnomalies
    self.rolledBack = rolledBack
  }
}

/// A source of per-device, per-version telemetry: the server's fleet state (MQTT) or what the server itself
/// sees.
public protocol RolloutTelemetrySource: Sendable {
  /// What each device reported on each edge model version, counting only what was reported at or after
  /// `since`.
  func telemetry(since: WireTimestamp) async throws -> [DeviceVersionTelemetry]
}
