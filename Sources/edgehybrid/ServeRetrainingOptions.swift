import ArgumentParser
import CloudServer

/// `edgehybrid serve`'s retraining flags: the shared data and gate options plus trigger and rollout.
struct ServeRetrainingOptions: ParsableArguments {
  @OptionGroup var retraining: RetrainingOptions

  @OptionGroup var thresholdRule: ThresholdRuleOptions

  @Option(help: "Retrain after this many new escalations.")
  var retrainAfter = 500

  @Option(help: "Retrain when the newest edge model is this many hours old (and there are new escalations).")
  var retrainEveryHours = 24.0

  @Option(help: "Canary and other devices must each report this many windows before the rollout decides.")
  var rolloutWindows = 1_000

  @Flag(help: "No background loop: retrain only through POST /admin/retrain.")
  var noAutoRetrain = false

  func validate() throws {
    guard retrainAfter > 0, retrainEveryHours > 0, rolloutWindows > 0 else {
      throw ValidationError("--retrain-after, --retrain-every-hours and --rollout-windows must be positive.")
    }
  }

  /// The server's retraining settings, or nil without --training-windows.
  func settings() throws -> ServerRetraining? {
    guard let base = try retraining.baseData() else { return nil }
    return ServerRetraining(
      base: base, configuration: retraining.configuration(thresholdRule: try thresholdRule.rule()),
      trigger: RetrainingTrigger(
        escalationCount: retrainAfter, interval: .milliseconds(Int64(retrainEveryHours * 3_600_000))),
      rollout: RolloutPolicy(minimumWindows: rolloutWindows), automatic: !noAutoRetrain)
  }
}
