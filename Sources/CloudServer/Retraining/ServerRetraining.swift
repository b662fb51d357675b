/// Retraining inside the server: its data, how it trains, when it runs and how candidates roll out.
public struct ServerRetraining: Sendable {
  /// Original training windows and an optional labelled validation set.
  public var base: RetrainingBaseData
  /// Training and gate settings.
  public var configuration: RetrainingConfiguration
  /// When the background loop starts a cycle.
  public var trigger: RetrainingTrigger
  /// When a canary is promoted or rolled back.
  public var rollout: RolloutPolicy
  /// Where canary telemetry comes from; nil uses what the server itself sees (`ServerObservedTelemetry`).
  public var telemetry: (any RolloutTelemetrySource)?
  /// Run the background loop (false: cycles only through `POST /admin/retrain`).
  public var automatic: Bool

  /// Retraining settings; the defaults retrain after 500 escalations or 24 h and roll out automatically.
  public init(
    base: RetrainingBaseData, configuration: RetrainingConfiguration = RetrainingConfiguration(),
    trigger: RetrainingTrigger = RetrainingTrigger(), rollout: RolloutPolicy = RolloutPolicy(),
    telemetry: (any RolloutTelemetrySource)? = nil, automatic: Bool = true
  ) {
    self.base = base
    self.configuration = configuration
    self.trigger = trigger
    self.rollout = rollout
    self.telemetry = telemetry
    self.automatic = automatic
  }
}
