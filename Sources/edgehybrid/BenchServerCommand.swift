import ArgumentParser
import CloudServer
import EdgeCore
import Foundation
import Learning
import Vibration

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `edgehybrid bench server`: /classify throughput and latency with durable storage, versus the Python peer.
struct BenchServerCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "server",
    abstract: "Benchmark POST /classify (durably stored) and print one JSON object.",
    discussion: """
      Trains a cloud-preset model (300-72-36-18-36-72-300) on simulated windows, starts 'edgehybrid serve'
      as a child process on a free port, and drives /classify with real 300-value lesson bodies from a
      SwiftNIO keep-alive load generator: peak (closed loop), then a fixed rate at half the peak for the
      p99 at half load. With wrk installed it also runs 'wrk -t2 -c<connections>'. Afterwards it checks
      that the store holds exactly as many escalations as were answered 200, and measures the HTTP
      floor: the same server answering GET /healthz (no body, no work) with the same connections.

      CPU is reported per answered request for the server and for the load generator (this process):
      both share the machine, so peak requests/s can never exceed cores × 10⁶ / (server + generator µs).

      --python-peer DIR runs the lesson's FastAPI server (a seed_ref copy with data/ and models/ made by
      gen_data.py and train.py --which cloud) under uvicorn in the same run and reports the ratios.

        edgehybrid bench server --duration 10
        edgehybrid bench server --python-peer /tmp/peer/seed_ref --peer-workers 2
      """)

  @Option(help: "Concurrent connections.")
  var connections = 32

  @Option(help: "Seconds per measured phase.")
  var duration = 10

  @Option(help: "Training epochs of the benchmark's cloud model.")
  var epochs = 5

  @Flag(help: "Skip wrk even when it is installed.")
  var noWrk = false

  @Option(help: "A prepared copy of ../shared/peers/seed_ref to compare with (uvicorn, INFER_MODE=batch).")
  var pythonPeer: String?

  @Option(help: "uvicorn workers for the Python peer.")
  var peerWorkers = 2

  @Option(help: "Keep the benchmark's data directory (model, store) here instead of a removed temporary one.")
  var keepData: String?

  func run() async throws {
    let work =
      keepData.map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "edgehybrid-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { if keepData == nil { try? FileManager.default.removeItem(at: work) } }
    let bodies = try await Self.prepareModel(in: work.appendingPathComponent("data"), epochs: epochs)
    var report = BenchServerReport(connections: connections, durationS: duration, bodyBytes: bodies[0].count)
    report.edgehybrid = try await measureOurs(
      dataDirectory: work.appendingPathComponent("data"), bodies: bodies)
    if let pythonPeer {
      report.pythonPeer = try await measurePeer(
        directory: URL(fileURLWithPath: pythonPeer), bodies: bodies, work: work)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    print(String(decoding: try encoder.encode(report.withRatios()), as: UTF8.self))
  }

  /// The simulated windows server benchmarks train on and send.
  static func benchmarkDataset() -> SimulatedDataset {
    SimulatedDataset(
      spec: SimulatedDatasetSpec(
        seed: 2024, trainCount: 2000, validationCount: 0, testNormalCount: 300, testFaultCount: 300,
        marginalCount: 0))
  }

  /// Trains and registers the cloud model; returns lesson-format bodies of real test windows.
  static func prepareModel(
    in dataDirectory: URL, epochs: Int, dataset: SimulatedDataset = benchmarkDataset()
  ) async throws -> [Data] {
    let train = Matrix(rows: dataset.train.count, cols: dataset.train.width, values: dataset.train.values)
    let model = Autoencoder.train(
      features: train, frontEnd: FrontEndSpec(kind: .raw), preset: .cloud,
      config: TrainingConfig(epochs: epochs))
    let test = Matrix(rows: dataset.test.count, cols: dataset.test.width, values: dataset.test.values)
    let directory = try DataDirectory(dataDirectory)
    try await directory.registry.addCloudModel(
      model, trainWindows: train, validationWindows: test,
      validationLabels: (dataset.test.labels ?? []).map(Int.init))
    try directory.database.close()
    return (0..<64).map { index in
      let values = dataset.test.row(index).map { "\($0)" }.joined(separator: ",")
      return Data(#"{"device_id":"bench-\#(index % 8)","features":[\#(values)],"edge_mse":0.15}"#.utf8)
    }
  }

  private func measureOurs(dataDirectory: URL, bodies: [Data]) async throws -> BenchServerReport.Run {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let portFile = dataDirectory.appendingPathComponent("port")
    let server = try await ServerProcess.launch(
      executable: executable,
      arguments: [
        "serve", "--data-dir", dataDirectory.path, "--port", "0", "--port-file", portFile.path,
        "--allow-anonymous-devices", "--log-level", "warning",
      ],
      portFile: portFile)
    let store = try DataDirectory(dataDirectory).escalationStore()
    var run = try await drive(port: server.port, pid: server.pid, bodies: bodies, floorPath: "/healthz") {
      try await store.escalationCount()
    }
    run.residentMiB = server.memory?.residentMiB ?? 0
    run.peakResidentMiB = server.memory?.peakMiB ?? 0
    server.send(SIGTERM)
    _ = try await server.waitForExit()
    await store.close()
    return run
  }

  private func measurePeer(directory: URL, bodies: [Data], work: URL) async throws -> BenchServerReport.Run {
    let port = try await FreePort.find()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-m", "uvicorn", "cloud_server:app", "--host", "127.0.0.1", "--port", String(port),
      "--workers",
      String(peerWorkers), "--log-level", "warning",
    ]
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["INFER_MODE"] = "batch"
    environment["ESC_LOG"] = work.appendingPathComponent("peer-escalations.jsonl").path
    environment["TF_CPP_MIN_LOG_LEVEL"] = "2"
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
      for child in ProcessTree.descendants(of: process.processIdentifier) { kill(child, SIGKILL) }
      process.terminate()
    }
    try await Self.waitUntilAnswering(
      port: port, body: bodies[0], workers: peerWorkers, pid: process.processIdentifier)
    let log = work.appendingPathComponent("peer-escalations.jsonl")
    // The readiness probe stored one line before the measured phases.
    var run = try await drive(port: port, pid: process.processIdentifier, bodies: bodies) {
      ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count - 1
    }
    run.residentMiB = ProcessMemory.treeResidentMiB(pid: process.processIdentifier)
    return run
  }

  /// Warm-up, peak, half-peak and wrk phases against one server; `stored` counts what the server stored.
  ///
  /// The store is counted after the generator's phases (which end with no request in flight), so it
  /// must equal the answered count exactly; wrk stops with requests in flight and runs afterwards.
  private func drive(
    port: Int, pid: Int32, bodies: [Data], floorPath: String? = nil, stored: () async throws -> Int
  ) async throws -> BenchServerReport.Run {
    var load = HTTPLoadGenerator(port: port, bodies: bodies, connections: connections, duration: .seconds(2))
    let warmup = try await load.run()
    load.duration = .seconds(duration)
    let (peak, serverCPU, generatorCPU) = try await Self.measureCPU(of: load, server: pid)
    load.rate = peak.requestsPerSecond / 2
    let half = try await load.run()
    var run = BenchServerReport.Run(peak: peak, halfLoad: half)
    run.serverCPUMicrosecondsPerRequest = serverCPU
    run.generatorCPUMicrosecondsPerRequest = generatorCPU
    run.answered = warmup.succeeded + peak.succeeded + half.succeeded
    run.errors = [warmup, peak, half].reduce(0) { $0 + $1.failedStatus + $1.connectionErrors }
    run.stored = try await stored()
    run.storedEqualsAnswered = run.stored == run.answered
    if let floorPath {
      let floor = HTTPLoadGenerator(
        port: port, path: floorPath, method: .GET, bodies: [], connections: connections,
        duration: .seconds(duration))
      let (result, serverCPU, _) = try await Self.measureCPU(of: floor, server: pid)
      run.httpFloor = BenchServerReport.Floor(
        path: floorPath, requestsPerS: result.requestsPerSecond, serverCPUMicrosecondsPerRequest: serverCPU,
        failed: result.failedStatus + result.connectionErrors)
    }
    if !noWrk, let wrk = WrkRunner.find() {
      run.wrk = try wrk.run(
        url: "http://127.0.0.1:\(port)/classify", body: bodies[0], threads: 2, connections: connections,
        seconds: duration)
    }
    return run
  }

  /// Runs `load` once; returns its result with the server's and this process's (the generator's) CPU µs per answer.
  private static func measureCPU(of load: HTTPLoadGenerator, server pid: Int32) async throws
    -> (LoadResult, server: Double, generator: Double)
  {
    let serverBefore = ProcessTree.cpuSeconds(of: pid)
    let generatorBefore = ProcessUsage.current().processorSeconds
    let result = try await load.run()
    let answers = Double(max(result.succeeded, 1))
    return (
      result, (ProcessTree.cpuSeconds(of: pid) - serverBefore) * 1e6 / answers,
      (ProcessUsage.current().processorSeconds - generatorBefore) * 1e6 / answers
    )
  }

  /// Waits until the peer answers /classify and every worker has loaded TensorFlow (> 200 MiB resident).
  private static func waitUntilAnswering(port: Int, body: Data, workers: Int, pid: Int32) async throws {
    var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/classify")!)
    request.httpMethod = "POST"
    request.httpBody = body
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    for _ in 0..<600 {
      let loaded = ([pid] + ProcessTree.descendants(of: pid)).filter {
        (ProcessMemory.read(pid: $0)?.residentMiB ?? 0) > 200
      }
      if loaded.count >= workers, let (_, response) = try? await URLSession.shared.data(for: request),
        (response as? HTTPURLResponse)?.statusCode == 200
      {
        return
      }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw ValidationError("the Python peer did not answer /classify within 2 minutes")
  }
}

/// The JSON `edgehybrid bench server` prints.
struct BenchServerReport: Codable {
  /// One server's figures.
  struct Run: Codable {
    var peak: LoadResult
    var halfLoad: LoadResult
    var wrk: WrkRunner.Result?
    var answered = 0
    var errors = 0
    var stored = 0
    var storedEqualsAnswered = false
    var residentMiB = 0.0
    var peakResidentMiB = 0.0
    var serverCPUMicrosecondsPerRequest = 0.0
    var generatorCPUMicrosecondsPerRequest = 0.0
    var httpFloor: Floor?

    enum CodingKeys: String, CodingKey {
      case peak, wrk, answered, errors, stored
      case generatorCPUMicrosecondsPerRequest = "generator_cpu_us_per_request"
      case httpFloor = "http_floor"
      case halfLoad = "half_load"
      case storedEqualsAnswered = "stored_equals_answered"
      case residentMiB = "rss_mib"
      case peakResidentMiB = "peak_rss_mib"
      case serverCPUMicrosecondsPerRequest = "server_cpu_us_per_request"
    }
  }

  /// The same server answering a bodiless GET that does no work: what the HTTP stack and kernel cost per request.
  struct Floor: Codable {
    var path: String
    var requestsPerS: Double
    var serverCPUMicrosecondsPerRequest: Double
    var failed: Int

    enum CodingKeys: String, CodingKey {
      case path, failed
      case requestsPerS = "requests_per_s"
      case serverCPUMicrosecondsPerRequest = "server_cpu_us_per_request"
    }
  }

  var benchmark = "server"
  var connections: Int
  var durationS: Int
  var bodyBytes: Int
  var cloudModel = "300-72-36-18-36-72-300 float32"
  var edgehybrid: Run?
  var pythonPeer: Run?
  var ratioRequestsPerS: Double?
  var ratioWrk: Double?
  var ratioServerCPUPerRequest: Double?

  /// The report with our figures divided by the peer's.
  func withRatios() -> BenchServerReport {
    var report = self
    guard let ours = edgehybrid, let peer = pythonPeer else { return report }
    report.ratioRequestsPerS = ours.peak.requestsPerSecond / max(peer.peak.requestsPerSecond, 1e-9)
    report.ratioServerCPUPerRequest =
      peer.serverCPUMicrosecondsPerRequest / max(ours.serverCPUMicrosecondsPerRequest, 1e-9)
    if let ourWrk = ours.wrk, let peerWrk = peer.wrk {
      report.ratioWrk = ourWrk.requestsPerSecond / max(peerWrk.requestsPerSecond, 1e-9)
    }
    return report
  }

  enum CodingKeys: String, CodingKey {
    case benchmark, connections, edgehybrid
    case durationS = "duration_s"
    case bodyBytes = "body_bytes"
    case cloudModel = "cloud_model"
    case pythonPeer = "python_peer"
    case ratioRequestsPerS = "ratio_requests_per_s"
    case ratioWrk = "ratio_wrk"
    case ratioServerCPUPerRequest = "ratio_server_cpu_per_request"
  }
}
