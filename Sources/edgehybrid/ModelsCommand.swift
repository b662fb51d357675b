import ArgumentParser
import CloudServer
import Foundation
import Wire

/// `edgehybrid models …`: the model registry of a data directory.
struct ModelsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "models",
    abstract: "List, register, promote and roll back edge and cloud models.",
    discussion: """
      Edge models move candidate → canary → current → retired; a bad one becomes rejected (by hand)
      or rolled_back (a failed canary or a rollback). Every
      change of what devices get is published as a new Ed25519-signed manifest. A running server
      picks up changes within a second.

        edgehybrid models add --tflite model.tflite --thresholds thresholds.json --promote
        edgehybrid models canary 4 --fraction 0.1
        edgehybrid models promote 4
        edgehybrid models rollback --reason "escalation rate doubled"
        edgehybrid models thresholds --k-low 2.5 --k-high 4.5 --canary
        edgehybrid models list
      """,
    subcommands: [
      List.self, Add.self, Promote.self, Canary.self, Reject.self, Rollback.self, Thresholds.self,
      AddCloud.self,
      PromoteCloud.self,
    ])

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show every model version, its state and history.")

    @Flag(help: "Print the listing as JSON.")
    var json = false

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let snapshot = try await data.open().registry.snapshot()
      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(ModelsListing(snapshot)), as: UTF8.self))
        return
      }
      print("edge models (canary fraction \(snapshot.canaryFraction)):")
      print(
        "  version  state        bytes  sha256        low        high       created                   reason")
      for model in snapshot.edgeModels {
        let row = [
          pad("v\(model.version)", 7), pad(model.state.rawValue, 11),
          pad(String(model.sizeBytes), 6, right: true),
          pad(String(model.sha256.prefix(12)), 12), pad(format(model.thresholds.lowThreshold), 9),
          pad(format(model.thresholds.highThreshold), 9), model.created.iso8601, model.reason ?? "",
        ]
        print("  " + row.joined(separator: "  "))
      }
      print("cloud models:")
      for model in snapshot.cloudModels {
        print(
          "  \(pad(model.card.modelID, 9)) \(pad(model.state.rawValue, 9)) threshold \(format(model.card.threshold))"
            + " (μ+\(format(model.card.k))σ)  validation accuracy \(format(model.card.validation.accuracy))"
            + "  Brier \(format(model.card.validation.brierScore))")
      }
      print("recent transitions:")
      for event in snapshot.events.suffix(10) {
        print(
          "  \(event.ts.iso8601)  \(event.model.rawValue) v\(event.version): \(event.from?.rawValue ?? "new") → "
            + "\(event.to.rawValue)\(event.reason.map { " (\($0))" } ?? "")")
      }
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
      let space = String(repeating: " ", count: max(0, width - text.count))
      return right ? space + text : text + space
    }

    private func format(_ value: Double) -> String { String(format: "%.6g", value) }
  }

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Register an int8 .tflite and its thresholds document (as written by 'edgehybrid quantize').")

    @Option(help: "The .tflite file.")
    var tflite: String

    @Option(help: "Thresholds JSON (version, low_threshold, high_threshold, mu, sigma, k_low, k_high).")
    var thresholds: String

    @Option(
      help: "Self-test JSON: [{\"input\":[…],\"expected_mse\":…}, …] for the device's post-update check.")
    var selfTest: String?

    @Option(help: "Relative tolerance of the self-test. Default: 0.001")
    var selfTestTolerance: Double = ModelRegistry.defaultSelfTestTolerance

    @Option(help: "Training statistics JSON object to keep with the model.")
    var trainingStats: String?

    @Option(help: "Why it is registered (kept in the history).")
    var reason: String?

    @OptionGroup var rollout: RolloutFlags

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let registry = try data.open().registry
      let thresholdsDocument = try JSONDecoder().decode(
        ThresholdsResponse.self, from: try Data(contentsOf: URL(fileURLWithPath: thresholds)))
      let cases = try selfTest.map {
        try JSONDecoder().decode([SelfTestCase].self, from: Data(contentsOf: URL(fileURLWithPath: $0)))
      }
      let stats = try trainingStats.map { try String(contentsOfFile: $0, encoding: .utf8) }
      let record = try await registry.addEdgeModel(
        tflite: try Data(contentsOf: URL(fileURLWithPath: tflite)), thresholds: thresholdsDocument,
        selfTest: cases ?? [], selfTestTolerance: selfTestTolerance, trainingStats: stats, reason: reason)
      try await rollout.apply(to: registry, version: record.version, reason: reason)
      print("registered edge model v\(record.version) (\(record.sizeBytes) bytes, sha256 \(record.sha256))")
    }
  }

  struct Promote: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make an edge model version current for every device.")

    @Argument(help: "Edge model version.")
    var version: Int

    @Option(help: "Why (kept in the history).")
    var reason: String?

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      try await data.open().registry.transitionEdge(version: version, to: .current, reason: reason)
      print("edge model v\(version) is current")
    }
  }

  struct Canary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve an edge model version to the canary cohort.")

    @Argument(help: "Edge model version.")
    var version: Int

    @Option(help: "Fraction of devices in the canary cohort, in (0, 1].")
    var fraction: Double?

    @Option(help: "Why (kept in the history).")
    var reason: String?

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let registry = try data.open().registry
      if let fraction { try await registry.setCanaryFraction(fraction) }
      try await registry.transitionEdge(version: version, to: .canary, reason: reason)
      print("edge model v\(version) is in canary")
    }
  }

  struct Reject: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reject a candidate or canary edge model.")

    @Argument(help: "Edge model version.")
    var version: Int

    @Option(help: "Why (kept in the history).")
    var reason: String

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      try await data.open().registry.transitionEdge(version: version, to: .rejected, reason: reason)
      print("edge model v\(version) is rejected")
    }
  }

  struct Rollback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Reject the current edge model and bring back the previous one (signed as a rollback).")

    @Option(help: "Why (kept in the history).")
    var reason = "rolled back by an operator"

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let (from, to) = try await data.open().registry.rollbackEdge(reason: reason)
      print("rolled back from v\(from) to v\(to)")
    }
  }

  struct PromoteCloud: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "promote-cloud", abstract: "Make a cloud model version answer /classify.")

    @Argument(help: "Cloud model version.")
    var version: Int

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      try await data.open().registry.promoteCloud(version: version)
      print("cloud-\(version) answers /classify")
    }
  }
}
