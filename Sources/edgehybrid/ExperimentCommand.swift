import ArgumentParser
import EdgeAgent
import Fleet
import Foundation

/// `edgehybrid experiment`: the lesson's decision table, measured on a simulated fleet.
struct ExperimentCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "experiment",
    abstract: "Measure the lesson's decision table on a simulated fleet: zone widths, decision modes, retraining.",
    subcommands: [ZonesExperimentCommand.self, ModesExperimentCommand.self, RetrainingExperimentCommand.self])
}

/// `edgehybrid experiment zones`: wide, default and narrow ambiguous zones on the same fleet.
struct ZonesExperimentCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "zones",
    abstract: "Run the same fleet with the wide (1σ/5σ), default (2σ/4σ) and narrow (2.5σ/3.5σ) zones.",
    discussion: """
      Lesson exercise 1. Thresholds are μ + k·σ of the served edge model's training MSE (from \
      /model/thresholds); each run prints escalation rate, edge-only and final accuracy, latency \
      distribution and bytes sent.

        edgehybrid experiment zones --devices 20
      """)

  @OptionGroup var options: FleetOptions

  func run() async throws {
    try await FleetSession.compare(
      options,
      DecisionTable.zones.map { zone in
        (zone.name, "zone-\(zone.kLow)-\(zone.kHigh)", { $0.zone = (zone.kLow, zone.kHigh) })
      })
  }
}

/// `edgehybrid experiment modes`: pure edge, hybrid and pure cloud on the same fleet.
struct ModesExperimentCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "modes",
    abstract: "Run the same fleet as pure edge, hybrid and pure cloud.",
    discussion: """
      The lesson's decision framework, measured: pure edge decides every window on the device (closer \
      threshold in the ambiguous zone), hybrid escalates the ambiguous zone, pure cloud sends every window.

        edgehybrid experiment modes --devices 20
      """)

  @OptionGroup var options: FleetOptions

  func run() async throws {
    try await FleetSession.compare(
      options,
      DecisionMode.allCases.map { mode in (mode.rawValue, "mode-\(mode.rawValue)", { $0.mode = mode }) })
  }
}

extension FleetSession {
  /// Runs the same fleet once per variant (name, data subdirectory, change to the configuration) and prints
  /// the decision table.
  static func compare(
    _ options: FleetOptions,
    _ variants: [(name: String, directory: String, adjust: (inout FleetConfiguration) -> Void)]
  ) async throws {
    let session = try await open(options)
    var runs: [(name: String, report: FleetReport)] = []
    for variant in variants {
      print("▶ \(variant.name)")
      runs.append((variant.name, try await session.run(variant.directory, adjust: variant.adjust)))
    }
    print(DecisionTable(runs: runs).text)
    try await session.close()
  }
}
