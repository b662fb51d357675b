import ArgumentParser
import AsyncHTTPClient
import EdgeAgent
import Fleet
import Foundation
import Logging
import Synchronization
import Vibration
import Wire

/// What `fleet` and `experiment` share: the devices, their machines, the server (or a local one) and telemetry.
struct FleetOptions: ParsableArguments {
  @Option(help: "Simulated devices, each watching its own machine.")
  var devices = 10

  @Option(help: "Server URL; without it a local server is started with models trained on the simulator.")
  var server: String?

  @Option(help: "Bearer token the devices send (a device or admin token); none for an anonymous server.")
  var token: String?

  @Option(
    help: "MQTT broker for telemetry, mqtt://host:port; without it telemetry is counted in the process.")
  var mqtt: String?

  @Option(help: "Machine time per device, in seconds (0.5 s a window). Overrides --windows.")
  var duration: Double?

  @Option(help: "Windows per device.")
  var windows = 1200

  @Option(
    help: ArgumentHelp(
      "Machine time per real time: windows are paced, escalations take real time (1 = real time).",
      discussion: "0 runs unpaced virtual time, as fast as the host goes; escalation timeouts then span "
        + "minutes of machine time and a saturated host times requests out."))
  var speed = 10.0

  @Option(help: "Fraction of the machines that develop a fault during the run.")
  var faultFraction = 0.5

  @Option(help: "Seed of the machines, faults and (without --server) the training data.")
  var seed: UInt64 = 1234

  @Option(help: "Escalations in flight per device.")
  var inFlight = 4

  @Option(help: "Training epochs of the local server's models (early stopping ends most sooner).")
  var epochs = 40

  @Option(
    help: "Directory for the devices' data (slots, queues) and the local server; default: a temporary one.")
  var dataDir: String?

  func validate() throws {
    guard devices >= 1 else { throw ValidationError("--devices must be at least 1") }
    guard speed >= 0 else { throw ValidationError("--speed must be 0 (unpaced) or positive") }
    if let mqtt, Self.broker(mqtt) == nil {
      throw ValidationError("--mqtt takes mqtt://host:port, got \(mqtt)")
    }
  }

  /// Windows each device reads.
  var windowsPerDevice: Int {
    duration.map { max(1, Int(($0 / WindowFormat.lesson.windowSeconds).rounded())) } ?? windows
  }

  /// The simulation the local models are trained on; its machines are the fleet's.
  var trainingSpec: SimulatedDatasetSpec { Self.trainingSpec(seed: seed) }

  /// The simulation a local server's models are trained on (fleet, demo, experiments): seconds of training.
  static func trainingSpec(seed: UInt64) -> SimulatedDatasetSpec {
    SimulatedDatasetSpec(
      seed: seed, trainCount: 2000, validationCount: 400, testNormalCount: 400, testFaultCount: 400,
      marginalCount: 0)
  }

  /// One HTTP client for a whole fleet, with a connection per device allowed.
  static func httpClient(devices: Int) -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, devices)
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// Host and port of an `mqtt://host:port` URL.
  static func broker(_ url: String) -> (host: String, port: Int)? {
    guard let components = URLComponents(string: url), components.scheme == "mqtt", let host = components.host
    else { return nil }
    return (host, components.port ?? 1883)
  }

  /// The fleet's base configuration, devices' data under `directory`.
  func configuration(directory: String) -> FleetConfiguration {
    FleetConfiguration(
      devices: devices, windowsPerDevice: windowsPerDevice, speed: speed > 0 ? speed : nil,
      faultFraction: faultFraction,
      seed: seed,
      dataDirectory: directory, maximumInFlight: inFlight)
  }
}

/// A fleet ready to run: the server (given or local), the shared HTTP client, telemetry, machines.
struct FleetSession {
  let options: FleetOptions
  let directory: URL
  let local: LocalCloud?
  let serverURL: String
  let client: HTTPClient
  let machines: [MachineProfile]
  /// Telemetry messages the devices published (counted when no broker is given).
  let telemetryMessages = MessageCounter()

  /// Trains and starts a local server unless `--server` is given.
  static func open(_ options: FleetOptions) async throws -> FleetSession {
    let directory = URL(
      fileURLWithPath: options.dataDir ?? NSTemporaryDirectory() + "edgehybrid-fleet-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let client = FleetOptions.httpClient(devices: options.devices)
    let spec = options.trainingSpec
    var local: LocalCloud?
    if options.server == nil {
      let started = Date()
      let models = try FleetModels.train(spec: spec, epochs: options.epochs) { print("▶ \($0)") }
      local = try await LocalCloud.start(
        models: models, directory: directory.appendingPathComponent("server"))
      print(
        "▶ local server on \(local!.url) (models trained in \(String(format: "%.0f", Date().timeIntervalSince(started))) s,"
          + " edge thresholds \(models.edge.thresholds.lowThreshold) / \(models.edge.thresholds.highThreshold))"
      )
    }
    return FleetSession(
      options: options, directory: directory, local: local, serverURL: options.server ?? local!.url,
      client: client, machines: spec.machines)
  }

  /// Runs one fleet configuration (its devices' data in a fresh subdirectory named `name`).
  func run(_ name: String, adjust: (inout FleetConfiguration) -> Void = { _ in }) async throws -> FleetReport
  {
    var configuration = options.configuration(directory: directory.appendingPathComponent(name).path)
    adjust(&configuration)
    let counter = telemetryMessages
    let broker = options.mqtt.flatMap(FleetOptions.broker)
    var logger = Logger(label: "edgehybrid.fleet")
    logger.logLevel = .warning
    let runner = FleetRunner(
      configuration: configuration, machines: machines, serverURL: serverURL, token: options.token,
      client: client,
      logger: logger
    ) { deviceID in
      if let broker {
        return MQTTTelemetrySink(host: broker.host, port: broker.port, deviceID: deviceID)
      }
      return InProcessTelemetrySink { _ in counter.count.add(1, ordering: .relaxed) }
    }
    return try await runner.run()
  }

  /// Stops the local server and the client.
  func close() async throws {
    try await local?.stop()
    try await client.shutdown()
  }
}

/// A count shared by the devices' telemetry sinks.
final class MessageCounter: Sendable {
  let count = Atomic<Int>(0)
}
