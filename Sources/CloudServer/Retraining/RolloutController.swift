import Logging
import Wire

/// Watches the edge model in canary: once its devices and the rest have reported enough windows, promotes it
/// to every device or rolls it back (marked `rolled_back`, reason recorded), per `RolloutPolicy`.
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
    let canaryTelemetry = reports[canary.version] ?? ModelVersionTelemetry()
    let rest = snapshot.currentEdge.flatMap { reports[$0.version] } ?? ModelVersionTelemetry()
    let decision = policy.decide(canary: canaryTelemetry, rest: rest)
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
    return RolloutStep(version: canary.version, canary: canaryTelemetry, rest: rest, decision: decision)
  }
}

/// One look of the rollout controller at a canary.
public struct RolloutStep: Sendable, Equatable {
  /// The canary version.
  public var version: Int
  /// Its devices' telemetry since the canary started.
  public var canary: ModelVersionTelemetry
  /// The other devices' telemetry over the same time.
  public var rest: ModelVersionTelemetry
  /// What was done.
  public var decision: RolloutDecision
}
