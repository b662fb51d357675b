import AsyncHTTPClient
import CloudServer
import EdgeAgent
import Fleet
import Foundation
import Learning
import Logging
import NIOFoundationCompat
import Testing
import Vibration
import Wire

/// Small fleet models trained once per test run on a seeded simulation.
enum TestFleetModels {
  static let spec = SimulatedDatasetSpec(
    seed: 99, machineCount: 2, trainCount: 300, validationCount: 100, testNormalCount: 100,
    testFaultCount: 100,
    marginalCount: 0)

  static let shared: FleetModels = try! FleetModels.train(spec: spec, epochs: 15)

  /// The same edge autoencoder quantized as version `version` (another file, the same behaviour).
  static func edgeBuild(version: UInt32) throws -> EdgeModelBuild {
    try EdgeModelBuilder(version: version).build(shared.edgeAutoencoder, trainingWindows: shared.trainWindows)
  }
}

/// A real server on a loopback port with the test fleet's models; it can be stopped and started again on the
/// same port (the cloud going down and coming back).
final class TestCloud: @unchecked Sendable {
  let directory: URL
  private(set) var port: Int
  private var server: CloudServer
  private var running: RunningServer?

  private init(directory: URL, port: Int, server: CloudServer, running: RunningServer) {
    self.directory = directory
    self.port = port
    self.server = server
    self.running = running
  }

  var url: String { "http://127.0.0.1:\(port)" }

  /// Registers the models (edge version 1 current) in a fresh directory and serves them.
  static func start() async throws -> TestCloud {
    let directory = URL(fileURLWithPath: NSTemporaryDirectory() + "fleet-tests-\(UUID().uuidString)")
    let data = try DataDirectory(directory)
    let models = TestFleetModels.shared
    try await data.registry.addCloudModel(
      models.cloud, trainWindows: models.trainWindows, validationWindows: models.validationWindows,
      validationLabels: models.validationLabels)
    try data.database.close()
    let (server, running) = try await serve(directory, port: 0)
    let cloud = TestCloud(directory: directory, port: running.port, server: server, running: running)
    try await cloud.publishEdge(TestFleetModels.shared.edge)
    return cloud
  }

  private static func serve(_ directory: URL, port: Int) async throws -> (CloudServer, RunningServer) {
    var logger = Logger(label: "fleet-test-server")
    logger.logLevel = .warning
    let server = try await CloudServer.open(
      ServerConfiguration(
        port: port, dataDirectory: directory, allowAnonymousDevices: true, reloadInterval: .milliseconds(50),
        scorerLoader: AutoencoderScorer.load, logLevel: .warning),
      logger: logger)
    return (server, try await server.start())
  }

  /// Registers `build` (its thresholds' version) and makes it current.
  func publishEdge(_ build: EdgeModelBuild) async throws {
    let fitted = build.thresholds
    let probes = TestFleetModels.shared.selfTest.map(\.input)
    let mse = try EdgeModelBuilder.deviceMSE(of: build.tflite, windows: Matrix(rowArrays: probes))
    try await server.registry.addEdgeModel(
      tflite: Data(build.tflite),
      thresholds: ThresholdsResponse(
        version: fitted.version, lowThreshold: fitted.lowThreshold, highThreshold: fitted.highThreshold,
        mu: fitted.mu, sigma: fitted.sigma, kLow: fitted.kLow, kHigh: fitted.kHigh),
      selfTest: zip(probes, mse).map { Wire.SelfTestCase(input: $0, expectedMSE: Double($1)) })
    try await server.registry.transitionEdge(version: fitted.version, to: .current, reason: "test")
    try await waitUntilServed(version: fitted.version)
  }

  /// Returns once `GET /model/version` answers `version` (the server reloads the registry on its own
  /// schedule, later on a loaded machine).
  private func waitUntilServed(version: Int) async throws {
    let deadline = ContinuousClock.now + .seconds(20)
    while ContinuousClock.now < deadline {
      let response = try await HTTPClient.shared.execute(
        HTTPClientRequest(url: url + "/model/version"), timeout: .seconds(5))
      let body = try await response.body.collect(upTo: 64 * 1024)
      if response.status == .ok,
        let answer = try? JSONDecoder().decode(ModelVersionResponse.self, from: Data(buffer: body)),
        answer.version == version
      {
        return
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("the server did not serve edge model v\(version) within 20 s")
  }

  /// Escalations stored.
  func storedEscalations() async throws -> Int { try await server.escalations.escalationCount() }

  /// Feature summaries stored.
  func storedSummaries() async throws -> Int { try await server.escalations.summaryCount() }

  /// The cloud goes down.
  func stop() async throws {
    try await running?.stop()
    running = nil
  }

  /// The cloud comes back on the same port with the same data.
  func restart() async throws {
    (server, running) = try await Self.serve(directory, port: port)
  }

  /// Stops and removes the data.
  func remove() async {
    try? await running?.stop()
    try? FileManager.default.removeItem(at: directory)
  }
}
