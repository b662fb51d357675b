import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Testing
import Wire

@testable import CloudServer

/// A real server on a free loopback port with a registered edge and cloud model, and a client for it.
struct TestServer {
  let directory: TemporaryDirectory
  let server: CloudServer
  let running: RunningServer
  let client: HTTPClient
  let edgeModel: Data

  /// The cloud classifier the server answers with.
  var classifier: CloudClassifier { server.core.serving.classifier! }

  /// Opens a fresh data directory, registers models, and starts serving.
  static func start(
    allowAnonymous: Bool = false, bodyLimit: Int = 64 * 1024, registerModels: Bool = true,
    configure: (inout ServerConfiguration) -> Void = { _ in }
  ) async throws -> TestServer {
    let directory = try TemporaryDirectory("edgehybrid-server")
    let edgeModel = TestModels.fakeTFLite(size: 2_000)
    if registerModels {
      let data = try DataDirectory(directory.url)
      try await TestModels.registerCloudModel(in: data.registry)
      try await data.registry.addEdgeModel(
        tflite: edgeModel, thresholds: TestModels.thresholds(version: 1),
        selfTest: [SelfTestCase(input: [0.25, 0.5], expectedMSE: 0.125)])
      try await data.registry.transitionEdge(version: 1, to: .current, reason: "test")
      try data.database.close()
    }
    var logger = Logger(label: "test-server")
    logger.logLevel = .warning
    var configuration = ServerConfiguration(
      port: 0, dataDirectory: directory.url, allowAnonymousDevices: allowAnonymous,
      adminToken: "admin-secret",
      bodyLimit: bodyLimit, reloadInterval: .milliseconds(100), scorerLoader: TestModels.loadScorer,
      logLevel: .warning)
    configure(&configuration)
    let server = try await CloudServer.open(configuration, logger: logger)
    let running = try await server.start()
    return TestServer(
      directory: directory, server: server, running: running,
      client: HTTPClient(eventLoopGroupProvider: .singleton),
      edgeModel: edgeModel)
  }

  /// Stops the server and the client and removes the data directory.
  func stop() async throws {
    try await client.shutdown()
    try await running.stop()
    directory.remove()
  }

  /// A response as tests look at it.
  struct Reply {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    /// The body decoded as `T`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(type, from: body) }

    /// The `error` text of an error body.
    var error: String {
      (try? decode(ErrorResponse.self).error) ?? "<no error body: \(String(decoding: body, as: UTF8.self))>"
    }
  }

  /// Sends a request and collects the whole answer.
  func send(
    _ method: HTTPMethod, _ path: String, body: Data? = nil, contentType: String? = "application/json",
    token: String? = nil, headers: [(String, String)] = []
  ) async throws -> Reply {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(running.port)\(path)")
    request.method = method
    if let body {
      request.body = .bytes(ByteBuffer(bytes: body))
      if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
    }
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    let response = try await client.execute(request, timeout: .seconds(30))
    let bytes = try await response.body.collect(upTo: 1 << 24)
    return Reply(
      status: Int(response.status.code), headers: response.headers, body: Data(bytes.readableBytesView))
  }

  /// Sends a JSON-encoded body.
  func send(_ method: HTTPMethod, _ path: String, json: some Encodable, token: String? = nil) async throws
    -> Reply
  {
    try await send(method, path, body: try JSONEncoder().encode(json), token: token)
  }

  /// Escalations in the store.
  func storedCount() async throws -> Int { try await server.escalations.escalationCount() }
}
