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

  /// Telemetry from its counts.
  public init(devices: Int = 0, windows: Int = 0, escalations: Int = 0, localAnomalies: Int = 0) {
    self.devices = devices
    self.windows = windows
    self.escalations = escalations
    self.localAnomalies = localAnomalies
  }

  /// Escalations per window (0 without windows).
  public var escalationRate: Double { windows > 0 ? Double(escalations) / Double(windows) : 0 }
  /// Local anomalies per window (0 without windows).
  public var anomalyRate: Double { windows > 0 ? Double(localAnomalies) / Double(windows) : 0 }
}

/// A source of per-version telemetry: the server's fleet state (MQTT) or what the server itself sees.
public protocol RolloutTelemetrySource: Sendable {
  /// Telemetry per edge model version, counting only what was reported at or after `since`.
  func telemetry(since: WireTimestamp) async throws -> [Int: ModelVersionTelemetry]
}
