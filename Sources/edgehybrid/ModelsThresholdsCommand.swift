import ArgumentParser
import CloudServer
import Foundation

extension ModelsCommand {
  /// `edgehybrid models thresholds`: a threshold-only version (same weights, new k_low/k_high).
  struct Thresholds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Register the current model with new thresholds as a new version (same int8 weights).",
      discussion: """
        low = μ + k_low·σ and high = μ + k_high·σ of the model's training MSE. The new version is a
        candidate unless --canary or --promote starts its rollout; devices get the new zones with a
        signed manifest like any other update.

          edgehybrid models thresholds --k-low 2.5 --k-high 4.5 --canary
          edgehybrid models thresholds --k-low 2 --k-high 5 --base 3 --promote
        """)

    @Option(help: "New multiplier k_low.")
    var kLow: Double

    @Option(help: "New multiplier k_high.")
    var kHigh: Double

    @Option(help: "Version whose weights to keep. Default: the current one")
    var base: Int?

    @Option(help: "Why (kept in the history).")
    var reason: String?

    @OptionGroup var rollout: RolloutFlags

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let registry = try data.open().registry
      let record = try await registry.addThresholdVersion(
        kLow: kLow, kHigh: kHigh, base: base, reason: reason)
      let state = try await rollout.apply(to: registry, version: record.version, reason: record.reason)
      print(
        "registered edge model v\(record.version) (\(state.rawValue)): low \(record.thresholds.lowThreshold),"
          + " high \(record.thresholds.highThreshold)")
    }
  }
}
