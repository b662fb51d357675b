import CloudServer
import Fleet
import Foundation
import Wire

/// What the demo prints: a live line while the fleet runs, and at the end what happened, per model version.
struct DemoSummary {
  let report: FleetReport
  let cloud: LocalCloud

  /// One line of the fleet's state now, from the server's fleet state (what the dashboard shows).
  static func liveLine(fleet: FleetState, elapsed: Duration) async -> String {
    let overview = await fleet.overview()
    let summary = overview.summary
    let versions = overview.versions.compactMap { statistics in
      statistics.version.map { "v\($0)×\(statistics.devices)" }
    }
    let applied = updates(in: overview).count
    return String(
      format:
        "%5.0f s  %d devices (%d ok)  %d windows  escalation %@  models %@  retrains %d  OTA %d  queued %d",
      Double(elapsed.components.seconds), summary.devices, summary.health.ok, Int(summary.counts.windows),
      percent(summary.escalationRate), versions.joined(separator: " "), overview.retraining.count, applied,
      summary.queueDepth)
  }

  /// The end-of-run report: the fleet table, escalation rate per model version, retrains and OTA updates.
  var text: String {
    get async throws {
      let overview = await cloud.server.fleet.overview()
      let registry = try await cloud.server.registry.snapshot()
      var lines = [
        "", "▶ what happened (\(String(format: "%.0f", report.seconds)) s)", report.table(perDevice: true),
        "",
      ]
      lines.append("model versions (escalation rate measured on the devices that ran each):")
      for statistics in overview.versions {
        guard let version = statistics.version else { continue }
        let record = registry.edgeModels.first { $0.version == version }
        lines.append(
          "  v\(version)  \(record?.state.rawValue ?? "?")  \(statistics.windows) windows  escalation \(Self.percent(statistics.escalationRate))"
            + "  local anomalies \(Self.percent(statistics.localAnomalyRate))")
      }
      let retrains = overview.retraining
      lines.append("retrains: \(retrains.count)")
      for record in retrains {
        lines.append(
          "  \(record.fromVersion.map { "v\($0)" } ?? "–") → \(record.toVersion.map { "v\($0)" } ?? "–"): \(record.outcome) — \(record.reason)"
        )
      }
      for record in registry.edgeModels where record.version > 1 {
        lines.append(
          "  v\(record.version) is \(record.state.rawValue)\(record.reason.map { ": \($0)" } ?? "")")
      }
      let applied = Self.updates(in: overview)
      lines.append(
        "OTA updates applied (after the first install): \(applied.count)"
          + (applied.isEmpty
            ? ""
            : " ("
              + applied.map { "\($0.deviceID) v\($0.fromVersion)→v\($0.toVersion)" }.joined(separator: ", ")
              + ")"))
      let total = report.total
      lines.append(
        "accuracy over \(total.windows) windows: edge-only \(Self.percent(total.edgeAccuracy)), hybrid \(Self.percent(total.hybridAccuracy));"
          + " \(total.escalations) escalations, \(total.statistics.answered) answered, \(total.queueDepth) still queued, \(total.unaccounted) lost"
      )
      lines.append("data: \(cloud.server.configuration.dataDirectory.path)")
      return lines.joined(separator: "\n")
    }
  }

  /// Model updates devices applied after their first install (boot installs of v1 are not updates).
  private static func updates(in overview: FleetOverview) -> [ModelTransition] {
    overview.transitions.filter { $0.cause == .applied && $0.fromVersion > 0 }
  }

  private static func percent(_ value: Double?) -> String {
    value.map { String(format: "%.1f %%", 100 * $0) } ?? "–"
  }
}
