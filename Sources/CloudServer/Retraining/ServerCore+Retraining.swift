import Hummingbird
import Wire

extension ServerCore {
  /// The server's retrainer over its own registry and store, when the configuration asks for retraining.
  func makeRetrainer() -> Retrainer? {
    guard let settings = configuration.retraining else { return nil }
    let telemetry =
      settings.telemetry
      ?? PreferredTelemetry(
        primary: fleet,
        fallback: ServerObservedTelemetry(store: escalations) { [self] device, time in
          serving.servedVersion(for: device, at: time)
        })
    return Retrainer(
      pipeline: RetrainingPipeline(
        registry: registry, escalations: escalations, base: settings.base,
        configuration: settings.configuration,
        logger: logger),
      trigger: settings.trigger,
      rollout: RolloutController(
        registry: registry, telemetry: telemetry, policy: settings.rollout, logger: logger),
      onRegistryChange: { [self] in
        do {
          try await reload(force: true)
        } catch {
          logger.error("reloading models after a retraining change failed: \(error)")
        }
      },
      onRecord: { [fleet] record in await fleet.recordRetraining(record) })
  }

  /// `POST /admin/retrain` (one cycle now, answers its report) and `POST /admin/models/thresholds`
  /// (a threshold-only version), both admin only.
  func addRetrainingRoutes(to router: Router<BasicRequestContext>, retrainer: Retrainer?) {
    router.post("/admin/retrain") { request, _ in
      try self.serving.authenticator.requireAdmin(request)
      guard let retrainer else {
        throw APIError(
          .notFound,
          "this server has no retraining configured; start it with --retrain-base or run 'edgehybrid retrain'"
        )
      }
      do {
        return JSONResponse.make(try await retrainer.runCycle().report)
      } catch let error as RetrainingError {
        throw APIError(.conflict, error.description)
      }
    }
    router.post("/admin/models/thresholds") { request, _ in
      try self.serving.authenticator.requireAdmin(request)
      let body = try await request.decodeJSONBody(
        ThresholdUpdateRequest.self, limit: self.configuration.bodyLimit)
      let record: EdgeModelRecord
      do {
        record = try await self.registry.addThresholdVersion(
          kLow: body.kLow, kHigh: body.kHigh, base: body.baseVersion, reason: body.reason)
        if let state = body.rollout {
          try await self.registry.transitionEdge(version: record.version, to: state, reason: record.reason)
        }
      } catch let error as RegistryError {
        throw APIError(.conflict, error.description)
      }
      try await self.reload(force: true)
      return JSONResponse.make(
        try await self.registry.snapshot().edgeModel(version: record.version), status: .created)
    }
  }
}

/// Body of `POST /admin/models/thresholds`.
public struct ThresholdUpdateRequest: Codable, Sendable {
  /// New low multiplier.
  public var kLow: Double
  /// New high multiplier.
  public var kHigh: Double
  /// Version whose weights to keep (default: the current one).
  public var baseVersion: Int?
  /// `canary` or `current` to start its rollout at once; nil leaves it a candidate.
  public var rollout: ModelState?
  /// Why (kept in the history).
  public var reason: String?

  /// A threshold update request.
  public init(
    kLow: Double, kHigh: Double, baseVersion: Int? = nil, rollout: ModelState? = nil, reason: String? = nil
  ) {
    self.kLow = kLow
    self.kHigh = kHigh
    self.baseVersion = baseVersion
    self.rollout = rollout
    self.reason = reason
  }

  enum CodingKeys: String, CodingKey {
    case rollout, reason
    case kLow = "k_low"
    case kHigh = "k_high"
    case baseVersion = "base_version"
  }
}
