import ArgumentParser
import CloudServer
import Fleet
import Foundation
import Logging
import MQTT
import Vibration

/// `edgehybrid demo`: the whole system live on one machine — models, server, a fleet, MQTT, retraining, OTA.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run the whole system on this machine: train, serve, a simulated fleet, retraining and OTA.",
    discussion: """
      Trains the cloud and edge autoencoders on simulated MPU6050 windows (seconds), starts the server on \
      127.0.0.1:8000 with its SQLite store in --data-dir, and runs a fleet of simulated devices against it: \
      every device watches its own machine, some develop a fault, some drift slowly (healthy, but away from \
      what the edge model learned). Telemetry goes through mosquitto when it is installed (the demo starts \
      its own on a free port) and inside the process otherwise. Machine time runs --speed times faster than \
      the wall clock, so the server retrains after --retrain-after escalations within the run, rolls the \
      new edge model out to a canary device, then to everyone, over signed OTA updates.

      Open the dashboard URL it prints while it runs. Ctrl-C stops everything cleanly and still prints the \
      summary.

        edgehybrid demo
        edgehybrid demo --devices 16 --duration 300
        edgehybrid demo --no-mqtt --port 8080
      """)

  @Option(help: "Simulated devices.")
  var devices = 8

  @Option(help: "Wall-clock seconds the fleet runs.")
  var duration = 120.0

  @Option(help: "Machine time per wall-clock time.")
  var speed = 20.0

  @Option(help: "Server port on 127.0.0.1; 0 picks a free one.")
  var port = 8000

  @Option(
    help: "Directory for the server's store and registry and the devices' slots and queues (emptied first).")
  var dataDir = "edgehybrid-data/demo"

  @Option(help: "Escalations stored before the server retrains the edge model.")
  var retrainAfter = 150

  @Option(help: "Fraction of devices that get a new model first.")
  var canaryFraction = 0.25

  @Option(help: "Windows the canary devices and the others must each report before the rollout decides.")
  var rolloutWindows = 1_000

  @Option(help: "Fraction of machines that develop a fault during the run.")
  var faultFraction = 0.25

  @Option(help: "Fraction of machines that drift (healthy, but changing) during the run.")
  var driftFraction = 0.5

  @Option(help: "Seed of the training data, the machines and their faults.")
  var seed: UInt64 = 1234

  @Option(help: "Training epochs of the initial models (early stopping ends most sooner).")
  var epochs = 40

  @Flag(help: "Keep telemetry inside the process even when mosquitto is installed.")
  var noMQTT = false

  func validate() throws {
    guard devices >= 1 else { throw ValidationError("--devices must be at least 1") }
    guard duration > 0, speed > 0 else { throw ValidationError("--duration and --speed must be positive") }
    guard (0...1).contains(canaryFraction), (0...1).contains(faultFraction), (0...1).contains(driftFraction)
    else { throw ValidationError("fractions must lie in 0…1") }
    guard retrainAfter >= 1 else { throw ValidationError("--retrain-after must be at least 1") }
  }

  func run() async throws {
    let directory = URL(fileURLWithPath: dataDir)
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

    let spec = SimulatedDatasetSpec(
      seed: seed, trainCount: 2000, validationCount: 400, testNormalCount: 400, testFaultCount: 400,
      marginalCount: 0)
    let models = try FleetModels.train(spec: spec, epochs: epochs) { print("▶ \($0)") }
    let broker = await startBroker()
    let cloud = try await LocalCloud.start(
      models: models, directory: directory.appendingPathComponent("server"), port: port,
      telemetryBroker: broker.map { try TelemetryBroker.configuration(url: "mqtt://\($0.host):\($0.port)") },
      retraining: ServerRetraining(
        base: RetrainingBaseData(
          normalWindows: models.trainWindows, validationWindows: models.validationWindows,
          validationLabels: models.validationLabels),
        trigger: RetrainingTrigger(escalationCount: retrainAfter, checkInterval: .seconds(1)),
        rollout: RolloutPolicy(minimumWindows: rolloutWindows)),
      canaryFraction: canaryFraction)
    print("▶ server on \(cloud.url) — dashboard: \(cloud.url)/")
    print(
      broker.map { "▶ telemetry over MQTT: mosquitto on \($0.host):\($0.port)" }
        ?? "▶ telemetry in-process: no MQTT broker (install mosquitto to see the MQTT path)")

    let run = DemoRun(
      cloud: cloud, models: models, broker: broker, directory: directory.appendingPathComponent("devices"),
      plan: DemoPlan(
        devices: devices, seconds: duration, speed: speed, faultFraction: faultFraction,
        driftFraction: driftFraction, seed: seed))
    let report = try await run.execute()
    print(try await DemoSummary(report: report, cloud: cloud).text)
    try await cloud.stop()
    await broker?.stop()
  }

  private func startBroker() async -> LocalMosquitto? {
    guard !noMQTT else { return nil }
    do {
      return try await LocalMosquitto.start()
    } catch {
      print("▶ mosquitto unavailable (\(error)); telemetry stays in-process")
      return nil
    }
  }
}
