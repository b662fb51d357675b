import ArgumentParser
import CloudServer
import Fleet
import Foundation
import MQTT
import Vibration

/// The options of a live run on this machine: fleet size and pace, retraining and rollout, faults and drift.
struct LiveSystemOptions: ParsableArguments {
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
}

/// Models, server, broker and fleet running together on this machine: what `demo` shows and
/// `experiment retraining` measures.
struct LiveSystem {
  let options: LiveSystemOptions
  let models: FleetModels
  let broker: LocalMosquitto?
  let cloud: LocalCloud

  /// Trains the models, starts the broker (when mosquitto is installed and wanted) and the server.
  static func start(_ options: LiveSystemOptions) async throws -> LiveSystem {
    let directory = URL(fileURLWithPath: options.dataDir)
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let models = try FleetModels.train(
      spec: FleetOptions.trainingSpec(seed: options.seed), epochs: options.epochs
    ) { print("▶ \($0)") }
    let broker = await startBroker(wanted: !options.noMQTT)
    let cloud = try await LocalCloud.start(
      models: models, directory: directory.appendingPathComponent("server"), port: options.port,
      telemetryBroker: broker.map { try TelemetryBroker.configuration(url: "mqtt://\($0.host):\($0.port)") },
      retraining: ServerRetraining(
        base: RetrainingBaseData(
          normalWindows: models.trainWindows, validationWindows: models.validationWindows,
          validationLabels: models.validationLabels),
        trigger: RetrainingTrigger(escalationCount: options.retrainAfter, checkInterval: .seconds(1)),
        rollout: RolloutPolicy(minimumWindows: options.rolloutWindows)),
      canaryFraction: options.canaryFraction)
    print("▶ server on \(cloud.url) — dashboard: \(cloud.url)/")
    print(
      broker.map { "▶ telemetry over MQTT: mosquitto on \($0.host):\($0.port)" }
        ?? "▶ telemetry in-process: no MQTT broker (install mosquitto to see the MQTT path)")
    return LiveSystem(options: options, models: models, broker: broker, cloud: cloud)
  }

  /// Runs the fleet for the options' duration (or until Ctrl-C), printing a live line.
  func runFleet() async throws -> FleetReport {
    let run = DemoRun(
      cloud: cloud, models: models, broker: broker,
      directory: URL(fileURLWithPath: options.dataDir).appendingPathComponent("devices"),
      plan: DemoPlan(
        devices: options.devices, seconds: options.duration, speed: options.speed,
        faultFraction: options.faultFraction, driftFraction: options.driftFraction, seed: options.seed))
    return try await run.execute()
  }

  /// Stops the server and the broker.
  func stop() async throws {
    try await cloud.stop()
    await broker?.stop()
  }

  private static func startBroker(wanted: Bool) async -> LocalMosquitto? {
    guard wanted else { return nil }
    do {
      return try await LocalMosquitto.start()
    } catch {
      print("▶ mosquitto unavailable (\(error)); telemetry stays in-process")
      return nil
    }
  }
}
