import ArgumentParser
import AsyncHTTPClient
import Dispatch
import EdgeAgent
import EdgeCore
import Fleet
import Foundation
import Logging
import Vibration

#if canImport(Glibc)
  import Glibc
#endif

/// `edgehybrid device`: one edge device, real or simulated, against a server.
struct DeviceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "device",
    abstract: "Run an edge device: tiered inference, escalation, OTA updates and telemetry.",
    discussion: """
      Reads windows from a simulated machine, a recorded CSV/NPY file or an MPU6050 on I2C; decides \
      each window with the int8 edge model; asks the server about ambiguous windows (5 s timeout; on \
      failure it takes the closer threshold, backs off 1, 2, 4 … 30 min and queues the window in \
      <data-dir>/escalations.log, uploaded when the server answers again); checks for a new model on \
      boot and every --ota-interval, verifying its signed manifest (the server key is pinned on first \
      contact in <data-dir>/server-key.bin) and switching between two windows. Telemetry goes to \
      --mqtt, else to the log. Decisions are printed (anomalies always, normals at --verbose). \
      Ctrl-C stops cleanly: escalations in flight finish or are queued, the status says offline.

        edgehybrid device --server http://127.0.0.1:8000 --device-id motor-01
        edgehybrid device --server http://pi-host:8000 --token $TOKEN --source mpu6050 --i2c-bus 1 \\
          --mqtt mqtt://pi-host:1883
        edgehybrid device --server http://127.0.0.1:8000 --source replay --replay data/sim/test.csv
        edgehybrid device --server http://127.0.0.1:8000 --fault bearing --fault-onset 60 --speed 10 \\
          --backoff-base 5 --backoff-max 60
      """)

  enum Source: String, ExpressibleByArgument, CaseIterable {
    case simulator, replay, mpu6050
  }

  @Option(help: "The server's URL.")
  var server: String

  @Option(help: "This device's id (its MQTT topic level and the device_id of requests).")
  var deviceID = "motor-01"

  @Option(help: "The device's bearer token (from 'edgehybrid devices add'); none for an anonymous server.")
  var token: String?

  @Option(help: "Directory of the model slots, the escalation queue and the pinned server key.")
  var dataDir = "edgehybrid-device"

  @Option(help: "Where windows come from: simulator, replay or mpu6050.")
  var source: Source = .simulator

  @Option(
    help:
      "Simulator: which machine of the simulated fleet (1–8; `edgehybrid simulate` and `fleet` train on them)."
  )
  var machine = 1

  @Option(help: "Simulator: seed of the simulated fleet (the --seed of `edgehybrid simulate`).")
  var fleetSeed: UInt64 = 1234

  @Option(
    help: "Simulator: a fault to develop (\(FaultMode.allCases.map(\.rawValue).joined(separator: ", "))).")
  var fault: String?

  @Option(help: "Simulator: machine seconds before the fault appears.")
  var faultOnset = 60.0

  @Option(help: "Simulator: seconds the fault takes to grow from severity 0.1 to --fault-severity.")
  var faultRamp = 120.0

  @Option(help: "Simulator: final fault severity (0–1).")
  var faultSeverity: Float = 1

  @Option(help: "Simulator: machine time per real time (windows are paced; 1 = real time).")
  var speed = 1.0

  @Option(help: "Replay: a CSV or NPY file of windows (100 samples × 3 axes a row).")
  var replay: String?

  @Flag(help: "Replay: start again at the first window after the last.")
  var loop = false

  @Option(help: "MPU6050: the I2C bus number (/dev/i2c-N).")
  var i2cBus = 1

  @Option(help: "A built-in model (.tflite with EdgeHybrid metadata) to run until an update arrives.")
  var model: String?

  @Option(help: "MQTT broker for telemetry, mqtt://host:port; without it telemetry goes to the log.")
  var mqtt: String?

  @Option(help: "Seconds between OTA checks (the first is at boot).")
  var otaInterval = 1800.0

  @Option(help: "Seconds between status messages.")
  var statusInterval = 30.0

  @Option(help: "Seconds between 20-value feature summaries posted to /summary; 0: none.")
  var summaryInterval = 60.0

  @Option(help: "Seconds of the first backoff after a cloud failure (doubling each time).")
  var backoffBase = 60.0

  @Option(help: "Longest backoff in seconds.")
  var backoffMax = 1800.0

  @Option(help: "Publish every n-th normal decision on the inference topic (anomalies always).")
  var inferenceEvery = 1

  @Option(help: "Stop after this many windows (default: run until the source ends or Ctrl-C).")
  var windows: Int?

  @Flag(help: "Print every decision, not only anomalies.")
  var verbose = false

  func validate() throws {
    if let fault, FaultMode(rawValue: fault) == nil {
      throw ValidationError(
        "--fault must be one of \(FaultMode.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard machine >= 1 else { throw ValidationError("--machine counts from 1") }
    if source == .replay && replay == nil { throw ValidationError("--source replay needs --replay FILE") }
    if let mqtt, FleetOptions.broker(mqtt) == nil { throw ValidationError("--mqtt takes mqtt://host:port") }
    guard speed > 0, otaInterval > 0, statusInterval > 0, summaryInterval >= 0, backoffBase > 0,
      backoffMax >= backoffBase
    else {
      throw ValidationError(
        "--speed, intervals and backoff times must be positive, --backoff-max ≥ --backoff-base")
    }
  }

  func run() async throws {
    var logger = Logger(label: "edgehybrid.device")
    logger.logLevel = verbose ? .debug : .info
    let backoff = try BackoffPolicy(
      baseMilliseconds: UInt64(backoffBase * 1000), maximumMilliseconds: UInt64(backoffMax * 1000),
      jitterFraction: 0.1)
    let clock = SystemClock()
    let sink: any TelemetrySink
    if let broker = mqtt.flatMap(FleetOptions.broker) {
      sink = MQTTTelemetrySink(host: broker.host, port: broker.port, deviceID: deviceID)
    } else {
      logger.info("no --mqtt broker: telemetry goes to the log")
      sink = LogTelemetrySink(logger: logger)
    }
    let builtIn = try model.map { path in
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      return ModelImage(payload: bytes, version: 0)
    }
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    let configuration = DeviceConfiguration(
      deviceID: deviceID, dataDirectory: dataDir, backoff: backoff, otaIntervalMS: UInt64(otaInterval * 1000),
      statusIntervalMS: UInt64(statusInterval * 1000), inferenceEvery: inferenceEvery,
      seed: UInt64(CRC32.checksum(Array(deviceID.utf8))),  // the same jitter sequence for a device on every run
      summaryIntervalMS: summaryInterval > 0 ? UInt64(summaryInterval * 1000) : nil)
    let verbose = verbose
    let runtime = try await DeviceRuntime.start(
      configuration: configuration,
      connection: CloudConnection(
        client: client, endpoint: CloudEndpoint(baseURL: server, deviceID: deviceID, token: token)),
      telemetry: DeviceTelemetry(deviceID: deviceID, sink: sink, clock: clock), clock: clock,
      builtIn: builtIn,
      logger: logger
    ) { outcome in
      guard verbose || outcome.decision == .anomaly else { return }
      print(
        "window \(outcome.index): \(outcome.decision == .anomaly ? "ANOMALY" : "normal") "
          + "(mse \(outcome.mse), \(outcome.zone), decided by \(outcome.path.rawValue), "
          + "\(String(format: "%.2f", outcome.latencyMS)) ms)")
    }
    let task = Task { try await runSource(runtime) }
    let interrupt = InterruptWatch { task.cancel() }
    defer { interrupt.stop() }
    let statistics = try await task.value
    await sink.finish()
    try await client.shutdown()
    let counts = statistics.counts
    print(
      "stopped after \(counts.windows) windows: \(counts.normal) normal and \(counts.anomaly) anomalous on the "
        + "device, \(counts.escalated) answered by the cloud, \(counts.fallback) by fallback; "
        + "\(await runtime.queueDepth()) escalations queued for upload")
  }

  /// Runs the device on the chosen source.
  private func runSource(_ runtime: DeviceRuntime) async throws -> DeviceStatistics {
    switch source {
    case .simulator:
      let machines = SimulatedDatasetSpec(seed: fleetSeed).machines
      let profile = machines[(machine - 1) % machines.count]
      let ramp = fault.flatMap(FaultMode.init(rawValue:)).map {
        FaultRamp(
          $0, startSeconds: faultOnset, durationSeconds: faultRamp, startSeverity: 0.1,
          endSeverity: faultSeverity)
      }
      var simulated = SimulatedMachineSource(
        machine: profile, seed: fleetSeed &+ UInt64(machine), fault: ramp, windowLimit: windows,
        pacing: .seconds(WindowFormat.lesson.windowSeconds / speed))
      return await runtime.run(source: &simulated)
    case .replay:
      let set = try DatasetFiles.read(replay ?? "", format: .lesson)
      var recorded = try ReplaySource(
        values: set.values, layout: SignalLayout(WindowFormat.lesson), loops: loop)
      return await runtime.run(source: &recorded)
    case .mpu6050:
      #if os(Linux)
        var sensor = try MPU6050Source(device: try LinuxI2CDevice(bus: i2cBus, address: 0x68))
        return try await runtime.run(source: &sensor)
      #else
        throw ValidationError("--source mpu6050 needs Linux (/dev/i2c-N)")
      #endif
    }
  }
}
