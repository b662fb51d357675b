import AsyncHTTPClient
import EdgeAgent
import EdgeCore
import Foundation
import Logging
import Vibration
import Wire

/// Runs a fleet of simulated devices in one process against one server: each device its own machine, fault
/// schedule, data directory, clock and telemetry, all sharing one HTTP client.
public struct FleetRunner: Sendable {
  /// What to run.
  public let configuration: FleetConfiguration
  /// The machines the devices watch, in turn (those the models were trained on).
  public let machines: [MachineProfile]
  /// The server, and the token devices use (nil for an anonymous server).
  public let serverURL: String
  /// A shared device token (or the admin token), nil for a server that admits anonymous devices.
  public let token: String?
  /// The shared HTTP client.
  public let client: HTTPClient
  /// Makes each device's telemetry sink from its id.
  public let makeSink: @Sendable (String) -> any TelemetrySink
  let logger: Logger

  /// A runner.
  public init(
    configuration: FleetConfiguration, machines: [MachineProfile], serverURL: String, token: String? = nil,
    client: HTTPClient, logger: Logger = Logger(label: "edgehybrid.fleet"),
    makeSink: @escaping @Sendable (String) -> any TelemetrySink
  ) {
    precondition(!machines.isEmpty, "a fleet needs at least one machine profile")
    self.configuration = configuration
    self.machines = machines
    self.serverURL = serverURL
    self.token = token
    self.client = client
    self.logger = logger
    self.makeSink = makeSink
  }

  /// Runs every device to the end of its windows and reports.
  public func run() async throws -> FleetReport {
    let began = ContinuousClock.now
    let thresholds = try await zoneThresholds()
    let reports = try await withThrowingTaskGroup(of: DeviceReport.self) { group in
      for index in 0..<configuration.devices {
        group.addTask { try await runDevice(index, thresholds: thresholds) }
      }
      var reports: [DeviceReport] = []
      for try await report in group { reports.append(report) }
      return reports.sorted { $0.deviceID < $1.deviceID }
    }
    let elapsed = ContinuousClock.now - began
    return FleetReport(
      configuration: configuration, thresholds: thresholds, devices: reports,
      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
  }

  /// The zone experiment's thresholds: μ + k·σ of the served model's training MSE.
  private func zoneThresholds() async throws -> ZoneThresholds? {
    guard let zone = configuration.zone else { return nil }
    let source = HTTPModelSource(
      client: client, endpoint: CloudEndpoint(baseURL: serverURL, deviceID: "fleet", token: token))
    let served = try await source.fetchThresholds()
    return try ZoneThresholds(
      low: Float(served.mu + zone.kLow * served.sigma), high: Float(served.mu + zone.kHigh * served.sigma))
  }

  private func runDevice(_ index: Int, thresholds: ZoneThresholds?) async throws -> DeviceReport {
    let deviceID = String(format: "sim-%03d", index + 1)
    var random = SplitMix64(seed: configuration.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
    let machine = machines[index % machines.count]
    let format = WindowFormat.lesson
    let runSeconds = Double(configuration.windowsPerDevice) * format.windowSeconds
    let fault: FaultRamp? =
      Double.random(in: 0..<1, using: &random) < configuration.faultFraction
      ? FaultRamp(
        FaultMode.allCases.randomElement(using: &random)!,
        startSeconds: runSeconds * Double.random(in: 0.2...0.6, using: &random),
        durationSeconds: runSeconds * 0.3,
        startSeverity: 0.1, endSeverity: 1)
      : nil
    let pacing = configuration.speed.map { Duration.seconds(format.windowSeconds / $0) }
    var source = SimulatedMachineSource(
      machine: machine, seed: random.next(), fault: fault, format: format,
      windowLimit: configuration.windowsPerDevice, pacing: pacing)
    let tally = DeviceTally(truth: source.truth)
    let clock = VirtualClock()
    let sink = makeSink(deviceID)
    let device = DeviceConfiguration(
      deviceID: deviceID, dataDirectory: configuration.dataDirectory + "/" + deviceID,
      mode: configuration.mode,
      backoff: configuration.backoff, maximumInFlight: configuration.maximumInFlight,
      saturation: pacing == nil ? .wait : .fallBack, otaIntervalMS: configuration.otaIntervalMS,
      statusIntervalMS: configuration.statusIntervalMS, inferenceEvery: configuration.inferenceEvery,
      thresholdsOverride: thresholds, seed: random.next())
    let runtime = try await DeviceRuntime.start(
      configuration: device,
      connection: CloudConnection(
        client: client, endpoint: CloudEndpoint(baseURL: serverURL, deviceID: deviceID, token: token)),
      telemetry: DeviceTelemetry(deviceID: deviceID, sink: sink, clock: clock), clock: clock, builtIn: nil,
      logger: logger, onDecision: tally.record)
    _ = await runtime.run(source: &source)
    await runtime.drainQueue()
    let statistics = await runtime.statistics()
    await sink.finish()
    let counts = tally.snapshot
    let total = counts.total
    let faultText = fault.map { "\($0.mode.rawValue) from \(Int($0.startSeconds)) s" } ?? "healthy"
    return DeviceReport(
      deviceID: deviceID, machine: "\(machine.name), \(faultText)", windows: total.windows,
      zones: counts.zones,
      paths: counts.paths, anomalies: counts.anomalies, hybridCorrect: total.hybridCorrect,
      edgeCorrect: total.edgeCorrect, statistics: statistics, queueDepth: await runtime.queueDepth(),
      versions: counts.versions)
  }
}
