import ArgumentParser
import CloudServer
import Fleet
import Foundation
import Learning
import Vibration

/// `edgehybrid experiment retraining`: several retrain cycles on a drifting fleet, measured per model version.
struct RetrainingExperimentCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retraining",
    abstract: "Run a drifting fleet through several retrain cycles and tabulate each model version.",
    discussion: """
      The live system of `edgehybrid demo` (same options): the server retrains after --retrain-after \
      escalations, gates, canaries and promotes. Per edge model version it prints the windows the devices \
      decided with it, the escalation rate, the zone (low, high, width in MSE and in σ of the first model's \
      training MSE), edge-only and hybrid accuracy against the simulator's ground truth, and cloud requests \
      per device-hour of machine time — the lesson's claim that the ambiguous zone shrinks, measured.

        edgehybrid experiment retraining --duration 180 --no-mqtt
      """)

  @OptionGroup var options: LiveSystemOptions

  func run() async throws {
    let system = try await LiveSystem.start(options)
    let report = try await system.runFleet()
    let registry = try await system.cloud.server.registry.snapshot()
    try await system.stop()
    print(Self.table(report: report, registry: registry, windowSeconds: WindowFormat.lesson.windowSeconds))
  }

  /// One row per model version the devices ran, oldest first.
  static func table(report: FleetReport, registry: RegistrySnapshot, windowSeconds: Double) -> String {
    let sigma = registry.edgeModels.first.map(\.thresholds.sigma) ?? 0
    let rows = report.total.versions.sorted { $0.key < $1.key }.map { version, tally -> [String] in
      let record = registry.edgeModels.first { $0.version == version }
      let low = record?.thresholds.lowThreshold ?? .nan
      let high = record?.thresholds.highThreshold ?? .nan
      let deviceHours = Double(tally.windows) * windowSeconds / 3600
      return [
        "v\(version)", record?.state.rawValue ?? "?", "\(tally.windows)", percent(tally.escalationRate),
        number(low), number(high), number(high - low),
        sigma > 0 ? String(format: "%.2f σ₁", (high - low) / sigma) : "–",
        percent(tally.edgeAccuracy), percent(tally.hybridAccuracy),
        deviceHours > 0 ? String(format: "%.0f", Double(tally.escalations) / deviceHours) : "–",
      ]
    }
    return TextTable(
      header: [
        "version", "state", "windows", "escalation", "low", "high", "width", "width/σ₁", "edge acc",
        "hybrid acc",
        "cloud req/device-h",
      ], rows: rows
    ).description
  }

  private static func percent(_ value: Double) -> String { String(format: "%.1f %%", 100 * value) }
  private static func number(_ value: Double) -> String { String(format: "%.4f", value) }
}
