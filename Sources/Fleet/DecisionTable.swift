import Learning
import EdgeAgent
import EdgeCore
import Foundation

/// The lesson's decision table, measured: one row per fleet run (a zone or a mode) with its escalation rate,
/// accuracy, latency distribution and bytes sent.
public struct DecisionTable: Sendable {
  /// The named runs, in order.
  public var runs: [(name: String, report: FleetReport)]

  /// A table of `runs`.
  public init(runs: [(name: String, report: FleetReport)]) {
    self.runs = runs
  }

  /// The zone experiment's configurations (lesson exercise 1): wide, default and narrow ambiguous zones.
  public static let zones: [(name: String, kLow: Double, kHigh: Double)] = [
    ("wide 1σ/5σ", 1, 5), ("default 2σ/4σ", 2, 4), ("narrow 2.5σ/3.5σ", 2.5, 3.5),
  ]

  /// The table for a terminal.
  public var text: String {
    let header = [
      "run", "windows", "escalation rate", "edge-only acc", "final acc", "latency p50 ms", "p90 ms", "p99 ms",
      "ambiguous p50/p99 ms", "bytes sent", "bytes/window", "lost",
    ]
    let rows = runs.map { run -> [String] in
      let total = run.report.total
      var all = LatencySamples(capacity: 100_000)
      for samples in total.statistics.latency.values { all.merge(samples) }
      func quantile(_ samples: LatencySamples?, _ q: Double) -> String {
        samples?.quantile(q).map(FleetReport.milliseconds) ?? "–"
      }
      let ambiguous = total.statistics.latency[.ambiguous]
      return [
        run.name, "\(total.windows)", String(format: "%.2f %%", 100 * total.escalationRate),
        String(format: "%.2f %%", 100 * total.edgeAccuracy),
        String(format: "%.2f %%", 100 * total.hybridAccuracy),
        quantile(all, 0.5), quantile(all, 0.9), quantile(all, 0.99),
        "\(quantile(ambiguous, 0.5)) / \(quantile(ambiguous, 0.99))", "\(total.statistics.bytesUploaded)",
        String(format: "%.0f", ratio(total.statistics.bytesUploaded, total.windows)), "\(total.unaccounted)",
      ]
    }
    return TextTable(header: header, rows: rows).description
  }
}
