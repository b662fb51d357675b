import AsyncHTTPClient
import CloudServer
import EdgeAgent
import Fleet
import Foundation
import Logging
import MQTT
import Vibration

/// What the demo's fleet does: how many devices, for how long, how fast, and how many fail or drift.
struct DemoPlan {
  let devices: Int
  /// Wall-clock seconds.
  let seconds: Double
  /// Machine time per wall-clock time.
  let speed: Double
  let faultFraction: Double
  let driftFraction: Double
  let seed: UInt64

  /// Machine seconds each device runs.
  var machineSeconds: Double { seconds * speed }

  /// The machines of the fleet in device order: the trained ones, a share of them (spread evenly) drifting so
  /// that by the end of the run their healthy vibration has grown 15 % and their speed shifted 1 % — a slow,
  /// normal change that the first edge model has never seen.
  func machines(from trained: [MachineProfile]) -> [MachineProfile] {
    let hours = machineSeconds / 3600
    return (0..<devices).map { index in
      var machine = trained[index % trained.count]
      let drifts =
        (Double(index + 1) * driftFraction).rounded(.down) > (Double(index) * driftFraction).rounded(.down)
      if drifts {
        machine.drift = MachineDrift(vibrationGrowthPerHour: 0.15 / hours, speedShiftPerHour: 0.01 / hours)
      }
      return machine
    }
  }
}

/// Runs the demo's fleet against the local server, printing a live line, until the plan's time is up or Ctrl-C.
struct DemoRun {
  let cloud: LocalCloud
  let models: FleetModels
  let broker: LocalMosquitto?
  let directory: URL
  let plan: DemoPlan

  func execute() async throws -> FleetReport {
    let client = FleetOptions.httpClient(devices: plan.devices)
    let logger = {
      var logger = Logger(label: "edgehybrid.demo")
      logger.logLevel = .warning
      return logger
    }()
    let fleet = cloud.server.fleet
    let broker = broker.map { (host: $0.host, port: $0.port) }
    let runner = FleetRunner(
      configuration: FleetConfiguration(
        devices: plan.devices,
        windowsPerDevice: Int((plan.machineSeconds / WindowFormat.lesson.windowSeconds).rounded()),
        speed: plan.speed, faultFraction: plan.faultFraction, seed: plan.seed, dataDirectory: directory.path,
        otaIntervalMS: 60_000, statusIntervalMS: 10_000),
      machines: plan.machines(from: models.spec.machines), serverURL: cloud.url, client: client,
      logger: logger
    ) { deviceID in
      if let broker {
        return MQTTTelemetrySink(host: broker.host, port: broker.port, deviceID: deviceID, logger: logger)
      }
      return InProcessTelemetrySink { await fleet.ingest($0) }
    }
    let started = ContinuousClock.now
    let fleetRun = Task { try await runner.run() }
    let interrupt = InterruptWatch { fleetRun.cancel() }
    let ticker = Task {
      while !Task.isCancelled {
        try? await Task.sleep(for: .seconds(3))
        if Task.isCancelled { break }
        print(await DemoSummary.liveLine(fleet: fleet, elapsed: ContinuousClock.now - started))
      }
    }
    defer {
      ticker.cancel()
      interrupt.stop()
    }
    let report = try await fleetRun.value
    try await client.shutdown()
    return report
  }
}
