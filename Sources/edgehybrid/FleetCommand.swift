import ArgumentParser
import Fleet
import Foundation
import Synchronization

/// `edgehybrid fleet`: many simulated devices against one server, with per-device and fleet tables.
struct FleetCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fleet",
    abstract: "Run N simulated devices in one process against one server and tabulate what they decided.",
    discussion: """
      Each device watches its own simulated machine (the machines the models were trained on, in turn); \
      a --fault-fraction of them develop a fault (imbalance, misalignment, looseness or bearing) that \
      ramps from severity 0.1 to 1 over 30 % of the run, starting between 20 % and 60 % of it. Every \
      window's ground truth is known, so the tables give edge-only and hybrid accuracy, the zone \
      fractions, the escalation rate, decision latency p50/p99 per zone and bytes uploaded. Devices run \
      the real runtime: OTA at boot, escalations over HTTP with backoff and a persisted queue. Without \
      --server a local server is started with models trained on the simulator.

        edgehybrid fleet --devices 100
        edgehybrid fleet --devices 20 --server http://127.0.0.1:8000 --mqtt mqtt://127.0.0.1:1883
        edgehybrid fleet --devices 5 --duration 120 --speed 1
        edgehybrid fleet --devices 50 --speed 0
      """)

  @OptionGroup var options: FleetOptions

  @Flag(help: "Print a row per device, not only the fleet line.")
  var perDevice = false

  func run() async throws {
    let session = try await FleetSession.open(options)
    let report = try await session.run("fleet")
    print(report.table(perDevice: perDevice))
    let total = report.total
    print(
      "\n\(report.devices.count) devices, \(total.windows) windows in \(String(format: "%.1f", report.seconds)) s: "
        + "\(total.escalations) escalations, \(total.statistics.answered) answered, \(total.statistics.queued) queued "
        + "(\(total.statistics.drained) drained later, \(total.queueDepth) still queued), "
        + "\(total.statistics.refused) refused, \(total.unaccounted) lost; "
        + "\(options.mqtt == nil ? "\(session.telemetryMessages.count.load(ordering: .relaxed)) telemetry messages" : "telemetry on \(options.mqtt!)")"
    )
    if let local = session.local {
      print(
        "server stored \(try await local.storedEscalations()) escalations (answered + drained: \(report.storedEscalations))"
      )
    }
    try await session.close()
    if total.unaccounted != 0 { throw ExitCode.failure }
  }
}
