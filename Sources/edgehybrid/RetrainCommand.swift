import ArgumentParser
import CloudServer
import Foundation
import Logging

/// `edgehybrid retrain`: one retraining cycle against a data directory (for cron, as the lesson runs it).
struct RetrainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retrain",
    abstract:
      "Retrain the edge model from its training windows and the escalations, gate it, start its canary.",
    discussion: """
      Learns from the original normal windows plus every escalation not consumed yet that the cloud
      judged normal with enough confidence (an operator's label overrides the cloud); anomalies only
      validate. Continues from the current model's weights unless --from-scratch. The int8 candidate
      is gated against the current model on held-back and labelled windows: if it loses ROC AUC or
      edge accuracy beyond the tolerances it stays a candidate with the reason; otherwise it goes to
      the canary devices (a running server's rollout then promotes or rolls it back). Consumed
      escalations are archived, never deleted. Prints the cycle's report as JSON.

        edgehybrid retrain --training-windows data/sim/train.csv
        edgehybrid retrain --training-windows data/sim/train.csv --validation-windows data/sim/test.csv --from-scratch
        0 3 * * * edgehybrid retrain --data-dir /var/lib/edgehybrid --training-windows /var/lib/edgehybrid/train.csv
      """)

  @OptionGroup var retraining: RetrainingOptions

  @OptionGroup var thresholdRule: ThresholdRuleOptions

  @Flag(help: "Register the candidate only; do not start its canary.")
  var noCanary = false

  @OptionGroup var data: DataDirectoryOption

  func run() async throws {
    guard let base = try retraining.baseData() else {
      throw ValidationError(
        "give --training-windows: the original normal windows the edge model was trained on")
    }
    let directory = try data.open()
    let store = directory.escalationStore()
    let pipeline = RetrainingPipeline(
      registry: directory.registry, escalations: store, base: base,
      configuration: retraining.configuration(thresholdRule: try thresholdRule.rule()))
    let report: RetrainingReport
    let state: ModelState
    do {
      if noCanary {
        report = try await pipeline.run()
        state = .candidate
      } else {
        let retrainer = Retrainer(
          pipeline: pipeline,
          rollout: RolloutController(
            registry: directory.registry, telemetry: ServerObservedTelemetry(store: store) { _, _ in nil }))
        let cycle = try await retrainer.runCycle()
        (report, state) = (cycle.report, cycle.state)
      }
    } catch {
      await store.close()
      throw error
    }
    await store.close()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
    FileHandle.standardError.write(
      Data("edge model v\(report.version) is \(state.rawValue): \(report.gate.reason)\n".utf8))
  }
}
