import Logging
import Wire

/// Watches the edge model in canary: once its devices have reported enough windows on it and on the version
/// before (or the rest of the fleet on the current one), promotes it to every device or rolls it back (marked
/// `rolled_back`, reason recorded), per `RolloutPolicy`.
public struct RolloutController: Sendable {
  /// Where the canary is found and moved.
  public let registry: ModelRegistry
  /// Per-version telemetry.
  public let telemetry: any RolloutTelemetrySource
  /// When to decide and how.
  public let policy: RolloutPolicy
  /// Where decisions are logged.
  public let logger: Logger

  /// A controller over a registry and a telemetry source.
  public init(
    registry: ModelRegistry, telemetry: any RolloutTelemetrySource, policy: RolloutPolicy = RolloutPolicy(),
    logger: Logger = Logger(label: "edgehybrid.rollout")
  ) {
    self.registry = registry
    self.telemetry = telemetry
    self.policy = policy
    self.logger = logger
  }

  /// Looks at the canary once and acts; nil when there is no canary.
  @discardableResult
  public func step(at time: WireTimestamp = .now()) async throws -> RolloutStep? {
    let snapshot = try await registry.snapshot()
    guard let canary = snapshot.canaryEdge else { return nil }
    let reports = try await telemetry.telemetry(since: canary.stateChanged)
    let onCanary = reports.filter { $0.version == canary.version }
    let canaryDevices = Set(onCanary.map(\.deviceID))
    let canaryTelemetry = ModelVersionTelemetry(combining: onCanary)
    var baseline = ModelVersionTelemetry()
    var rest = ModelVersionTelemetry()
    if let current = snapshot.currentEdge {
      rest = ModelVersionTelemetry(
        combining: reports.filter { $0.version == current.version && !canaryDevices.contains($0.deviceID) })
      baseline = ModelVersionTelemetry(
        combining: try await telemetry.telemetry(since: current.stateChanged).filter {
          $0.version == current.version && canaryDevices.contains($0.deviceID)
        })
    }
    let decision = policy.decide(canary: canaryTelemetry, baseline: baseline, rest: rest)
    switch decision {
    case .wait:
      break
    case .promote(let reason):
      try await registry.transitionEdge(version: canary.version, to: .current, reason: reason, at: time)
      logger.notice("promoted edge model v\(canary.version) to every device: \(reason)")
    case .rollBack(let reason):
      try await registry.transitionEdge(version: canary.version, to: .rolledBack, reason: reason, at: time)
      logger.warning("rolled back edge model v\(canary.version): \(reason)")
    }
    return RolloutStep(
      version: canary.version, canary: canaryTelemetry, baseline: baseline, rest: rest, decision: decision)
  }
}

/// One look of the rollout controller at a canary.
public struct RolloutStep: Sendable, Equatable {
  /// The canary version.
  public var version: Int
  /// Its devices' telemetry since the canary started.
  public var canary: ModelVersionTelemetry
  /// The same devices' telemetry on the current version, since it became current.
  public var baseline: ModelVersionTelemetry
  /// The other devices' telemetry on the current version over the same time.
  public var rest: ModelVersionTelemetry
  /// What was done.
  public var decision: RolloutDecision
}
