import AsyncHTTPClient
import Foundation
import Learning
import Logging
import NIOCore
import Testing
import Wire

@testable import CloudServer

@Suite("Retraining inside the server", .serialized)
struct RetrainingServerTests {
  @Test(
    "the background loop retrains at the escalation count and the admin routes run cycles and threshold versions"
  )
  func serverRetrains() async throws {
    let directory = try TemporaryDirectory("edgehybrid-retrain-server")
    defer { directory.remove() }
    let base = RetrainingBaseData(
      normalWindows: Matrix(rowArrays: TestWindows.windows(count: 300, faulty: false, seed: 1)))
    let configuration = RetrainingConfiguration(
      training: TrainingConfig(epochs: 15, batchSize: 32, seed: 11, threads: 1))
    do {
      let data = try DataDirectory(directory.url)
      try await TestModels.registerCloudModel(in: data.registry)
      let store = data.escalationStore()
      let first = try await RetrainingPipeline(
        registry: data.registry, escalations: store, base: base, configuration: configuration
      ).run()
      try await data.registry.transitionEdge(version: first.version, to: .current, reason: "first")
      await store.close()
      try data.database.close()
    }
    var logger = Logger(label: "test-retrain-server")
    logger.logLevel = .critical
    let server = try await CloudServer.open(
      ServerConfiguration(
        port: 0, dataDirectory: directory.url, allowAnonymousDevices: true, adminToken: "admin-secret",
        reloadInterval: .milliseconds(100), scorerLoader: TestModels.loadScorer, logLevel: .critical,
        retraining: ServerRetraining(
          base: base, configuration: configuration,
          trigger: RetrainingTrigger(escalationCount: 20, checkInterval: .milliseconds(50)),
          rollout: RolloutPolicy(minimumWindows: 1_000_000))),
      logger: logger)
    let running = try await server.start()
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    func send(_ path: String, _ body: Data, token: String? = nil) async throws -> (Int, Data) {
      var request = HTTPClientRequest(url: "http://127.0.0.1:\(running.port)\(path)")
      request.method = .POST
      request.body = .bytes(ByteBuffer(bytes: body))
      request.headers.add(name: "Content-Type", value: "application/json")
      if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
      let response = try await client.execute(request, timeout: .seconds(120))
      return (
        Int(response.status.code), Data(try await response.body.collect(upTo: 1 << 22).readableBytesView)
      )
    }

    for (index, window) in RetrainingFixture.driftedWindows(count: 20, seed: 80).enumerated() {
      let (status, _) = try await send(
        "/classify", TestWindows.lessonBody(deviceID: "motor-\(index % 4)", features: window, edgeMSE: 0.3))
      #expect(status == 200)
    }
    var retrained: EdgeModelRecord?
    for _ in 0..<600 where retrained == nil {
      retrained = try await server.registry.snapshot().edgeModel(version: 2)
      if retrained == nil { try await Task.sleep(for: .milliseconds(50)) }
    }
    let v2 = try #require(retrained)
    #expect([ModelState.candidate, .canary].contains(v2.state))
    #expect(try await server.escalations.unconsumedEscalationCount() == 0)

    let (thresholdStatus, thresholdBody) = try await send(
      "/admin/models/thresholds", Data(#"{"k_low":2.5,"k_high":5}"#.utf8), token: "admin-secret")
    #expect(thresholdStatus == 201)
    let v3 = try JSONDecoder().decode(EdgeModelRecord.self, from: thresholdBody)
    #expect(v3.version == 3 && v3.thresholds.kLow == 2.5 && v3.state == .candidate)
    #expect(try await send("/admin/retrain", Data("{}".utf8)).0 == 401)
    let (retrainStatus, retrainBody) = try await send(
      "/admin/retrain", Data("{}".utf8), token: "admin-secret")
    #expect(retrainStatus == 200)
    #expect(try JSONDecoder().decode(RetrainingReport.self, from: retrainBody).version == 4)

    try await client.shutdown()
    try await running.stop()
  }
}
