import ArgumentParser
import CloudServer
import Foundation
import Learning
import Vibration

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `edgehybrid bench retrain`: /classify latency and throughput while the server retrains, versus idle.
struct BenchRetrainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retrain",
    abstract:
      "Benchmark POST /classify idle and during a retraining cycle in one run; print one JSON object.",
    discussion: """
      Trains the cloud model and a first edge model, stores escalations, then starts 'edgehybrid serve'
      with retraining (no background loop) as a child process. The load generator measures /classify
      (closed loop, then a fixed rate at --rate-fraction of the idle peak, the same offered load in both) idle, then again right after
      POST /admin/retrain starts a cycle. The report says whether the retrain lasted through both
      loaded phases; raise --retrain-epochs if it did not.

        edgehybrid bench retrain --duration 8 --retrain-epochs 400
      """)

  @Option(help: "Concurrent connections.")
  var connections = 8

  @Option(help: "Seconds per measured phase.")
  var duration = 6

  @Option(help: "Epochs of the measured retrain (no early stopping, so it lasts).")
  var retrainEpochs = 400

  @Option(help: "Fixed-rate phases offer this fraction of the idle closed-loop throughput.")
  var rateFraction = 0.25

  @Option(help: "Escalations stored before the retrain.")
  var escalations = 500

  func run() async throws {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent(
      "edgehybrid-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let dataDirectory = work.appendingPathComponent("data")
    let dataset = BenchServerCommand.benchmarkDataset()
    try dataset.write(to: work, formats: [.npy])
    let bodies = try await BenchServerCommand.prepareModel(in: dataDirectory, epochs: 5, dataset: dataset)
    try await prepareEdgeModel(dataDirectory: dataDirectory, dataset: dataset)

    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let portFile = dataDirectory.appendingPathComponent("port")
    let server = try await ServerProcess.launch(
      executable: executable,
      arguments: [
        "serve", "--data-dir", dataDirectory.path, "--port", "0", "--port-file", portFile.path,
        "--allow-anonymous-devices", "--log-level", "warning", "--admin-token", "bench-admin",
        "--training-windows", DatasetFiles.file(named: "train", in: work.path), "--no-auto-retrain",
        "--retrain-epochs", String(retrainEpochs), "--retrain-patience", "0",
      ],
      portFile: portFile)
    do {
      let result = try await measure(port: server.port, bodies: bodies)
      server.send(SIGTERM)
      _ = try await server.waitForExit()
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      print(String(decoding: try encoder.encode(result), as: UTF8.self))
    } catch {
      server.send(SIGKILL)
      throw error
    }
  }

  /// Idle phases, then the same phases while a cycle runs.
  private func measure(port: Int, bodies: [Data]) async throws -> BenchRetrainReport {
    var load = HTTPLoadGenerator(port: port, bodies: bodies, connections: connections, duration: .seconds(2))
    _ = try await load.run()
    let idle = try await phases(&load)

    let clock = ContinuousClock()
    let started = clock.now
    let retrain = Task { try await Self.retrain(port: port) }
    try await Task.sleep(for: .milliseconds(200))
    var during = try await phases(&load, rate: idle.peak.requestsPerSecond * rateFraction)
    let phasesEnded = clock.now - started
    let report = try await retrain.value
    let retrainSeconds = (clock.now - started) / .seconds(1)
    during.retrainRunning = retrainSeconds >= phasesEnded / .seconds(1)
    return BenchRetrainReport(
      connections: connections, durationS: duration, idle: idle, duringRetrain: during,
      retrainSeconds: retrainSeconds, retrainVersion: report.version, retrainEpochs: report.epochs,
      trainingWindows: report.samples.baseTraining + report.samples.normalEscalations,
      gatePassed: report.gate.passed)
  }

  /// A closed-loop phase, then a fixed-rate one at `rate` (default `rateFraction` of the closed loop's throughput).
  private func phases(_ load: inout HTTPLoadGenerator, rate: Double? = nil) async throws
    -> BenchRetrainReport.Phases
  {
    load.duration = .seconds(duration)
    load.rate = nil
    let peak = try await load.run()
    load.rate = rate ?? peak.requestsPerSecond * rateFraction
    let fixed = try await load.run()
    return BenchRetrainReport.Phases(peak: peak, fixedRate: fixed)
  }

  /// The first edge model (current) and stored escalations of test normals, so the measured cycle warm-starts.
  private func prepareEdgeModel(dataDirectory: URL, dataset: SimulatedDataset) async throws {
    let directory = try DataDirectory(dataDirectory)
    let store = directory.escalationStore()
    let train = DatasetFiles.matrix(dataset.train)
    let pipeline = RetrainingPipeline(
      registry: directory.registry, escalations: store, base: RetrainingBaseData(normalWindows: train),
      configuration: RetrainingConfiguration(training: TrainingConfig(epochs: 20, threads: 2)))
    let first = try await pipeline.run()
    try await directory.registry.transitionEdge(
      version: first.version, to: .current, reason: "benchmark baseline")
    let normals = (0..<dataset.test.count).filter { dataset.test.labels?[$0] == 0 }
    let records = (0..<escalations).map { index in
      StoredEscalation(
        deviceID: "bench-\(index % 8)", escalationID: nil, receivedAt: .now(),
        features: Array(dataset.test.row(normals[index % normals.count])), edgeMSE: 0.2,
        edgeModelVersion: first.version,
        cloudMSE: 0.1, classification: 0, confidence: 0.95, cloudModel: "cloud-1")
    }
    _ = try await store.record(contentsOf: records)
    await store.close()
    try directory.database.close()
  }

  /// Runs one cycle through the admin route and returns its report.
  private static func retrain(port: Int) async throws -> RetrainingReport {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/admin/retrain")!)
    request.httpMethod = "POST"
    request.timeoutInterval = 3_600
    request.setValue("Bearer bench-admin", forHTTPHeaderField: "Authorization")
    let (body, response) = try await URLSession.shared.data(for: request)
    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
      throw ValidationError("POST /admin/retrain failed: \(String(decoding: body, as: UTF8.self))")
    }
    return try JSONDecoder().decode(RetrainingReport.self, from: body)
  }
}

/// The JSON `edgehybrid bench retrain` prints.
struct BenchRetrainReport: Codable {
  /// Closed-loop and fixed-rate figures of one condition.
  struct Phases: Codable {
    var peak: LoadResult
    var fixedRate: LoadResult
    var retrainRunning: Bool?

    enum CodingKeys: String, CodingKey {
      case peak
      case fixedRate = "fixed_rate"
      case retrainRunning = "retrain_running_throughout"
    }
  }

  var benchmark = "retrain"
  var connections: Int
  var durationS: Int
  var idle: Phases
  var duringRetrain: Phases
  var retrainSeconds: Double
  var retrainVersion: Int
  var retrainEpochs: Int
  var trainingWindows: Int
  var gatePassed: Bool
  var ratioP99FixedRate: Double
  var ratioThroughput: Double

  init(
    connections: Int, durationS: Int, idle: Phases, duringRetrain: Phases, retrainSeconds: Double,
    retrainVersion: Int, retrainEpochs: Int, trainingWindows: Int, gatePassed: Bool
  ) {
    self.connections = connections
    self.durationS = durationS
    self.idle = idle
    self.duringRetrain = duringRetrain
    self.retrainSeconds = retrainSeconds
    self.retrainVersion = retrainVersion
    self.retrainEpochs = retrainEpochs
    self.trainingWindows = trainingWindows
    self.gatePassed = gatePassed
    ratioP99FixedRate = duringRetrain.fixedRate.p99Ms / max(idle.fixedRate.p99Ms, 1e-9)
    ratioThroughput = duringRetrain.peak.requestsPerSecond / max(idle.peak.requestsPerSecond, 1e-9)
  }

  enum CodingKeys: String, CodingKey {
    case benchmark, connections, idle
    case durationS = "duration_s"
    case duringRetrain = "during_retrain"
    case retrainSeconds = "retrain_seconds"
    case retrainVersion = "retrain_version"
    case retrainEpochs = "retrain_epochs"
    case trainingWindows = "training_windows"
    case gatePassed = "gate_passed"
    case ratioP99FixedRate = "ratio_p99_fixed_rate_retrain_vs_idle"
    case ratioThroughput = "ratio_throughput_retrain_vs_idle"
  }
}
