import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import Wire

@testable import CloudServer

@Suite("Summary, health, metrics and admin routes", .serialized)
struct OperationsRouteTests {
  @Test("a 20-value summary is stored; another count is refused")
  func summary() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let body = SummaryRequest(
      deviceID: "motor-01", ts: WireTimestamp(millisecondsSince1970: 1_700_000_000_000),
      summary: (0..<20).map(Float.init))
    #expect(try await server.send(.POST, "/summary", json: body).status == 201)
    var short = body
    short.summary = [1, 2, 3]
    let refused = try await server.send(.POST, "/summary", json: short)
    #expect(refused.status == 400)
    #expect(refused.error == "summary: expected 20 numbers, got 3")
    let stored = try await server.server.escalations.summaries(deviceID: "motor-01", limit: 10)
    #expect(stored.map(\.summary) == [body.summary])
    #expect(stored.first?.ts == body.ts)
    try await server.stop()
  }

  @Test("healthz reports ok and the models in use")
  func health() async throws {
    let server = try await TestServer.start()
    let health = try await server.send(.GET, "/healthz").decode(HealthResponse.self)
    #expect(health.status == "ok")
    #expect(health.modelVersion == 1)
    #expect(health.cloudModel == "cloud-1")
    try await server.stop()
  }

  @Test(
    "metrics expose per-route counts and latency in seconds, escalations by class, versions and store size")
  func metrics() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    for seed in 0..<3 {
      let body = TestWindows.lessonBody(
        deviceID: "m-\(seed)", features: TestWindows.window(seed: UInt64(seed)), edgeMSE: 0.1)
      #expect(try await server.send(.POST, "/classify", body: body).status == 200)
    }
    _ = try await server.send(.POST, "/classify", body: Data("x".utf8))
    let text = String(decoding: try await server.send(.GET, "/metrics").body, as: UTF8.self)
    #expect(text.contains(#"edgehybrid_http_requests_total{route="/classify",method="POST",status="200"} 3"#))
    #expect(text.contains(#"edgehybrid_http_requests_total{route="/classify",method="POST",status="400"} 1"#))
    #expect(
      text.contains(
        #"edgehybrid_http_request_duration_seconds_bucket{route="/classify",method="POST",le="0.005"}"#))
    #expect(text.contains(#"edgehybrid_escalations_total{classification="normal"}"#))
    #expect(text.contains("edgehybrid_edge_model_version 1"))
    #expect(text.contains("edgehybrid_cloud_model_version 1"))
    #expect(text.contains("edgehybrid_store_escalations 3"))
    #expect(text.contains("edgehybrid_store_size_bytes"))
    #expect(!text.contains("m-0"), "no per-device labels")
    try await server.stop()
  }

  @Test("admin routes need the admin token and operate the registry and devices")
  func admin() async throws {
    let server = try await TestServer.start()
    #expect(try await server.send(.GET, "/admin/models").status == 401)
    let device = try await server.server.core.registerDevice("motor-01")
    #expect(try await server.send(.GET, "/admin/models", token: device).status == 403)
    let listing = try await server.send(.GET, "/admin/models", token: "admin-secret").decode(
      ModelsListing.self)
    #expect(listing.edge.map(\.version) == [1])
    #expect(listing.cloud.map(\.card.modelID) == ["cloud-1"])

    let added = try await server.send(
      .POST, "/admin/devices", json: AddDeviceRequest(deviceID: "motor-02"), token: "admin-secret")
    #expect(added.status == 201)
    let token = try added.decode(AddDeviceResponse.self).token
    #expect(token.hasPrefix("ehd_"))
    #expect(try await server.send(.GET, "/model/version", token: token).status == 200)
    let again = try await server.send(
      .POST, "/admin/devices", json: AddDeviceRequest(deviceID: "motor-02"), token: "admin-secret")
    #expect(again.status == 409)
    #expect(try await server.send(.DELETE, "/admin/devices/motor-02", token: "admin-secret").status == 204)
    #expect(try await server.send(.GET, "/model/version", token: token).status == 401)

    try await server.server.registry.addEdgeModel(
      tflite: TestModels.fakeTFLite(size: 1_000), thresholds: TestModels.thresholds(version: 2), selfTest: [])
    let promoted = try await server.send(
      .POST, "/admin/models/2/promote", json: ReasonRequest(reason: "better"), token: "admin-secret")
    #expect(promoted.status == 200, "\(promoted.error)")
    #expect(
      try await server.send(.GET, "/model/version", token: "admin-secret").decode(ModelVersionResponse.self)
        .version == 2)
    let rolledBack = try await server.send(
      .POST, "/admin/models/rollback", json: ReasonRequest(reason: "worse"), token: "admin-secret")
    #expect(rolledBack.status == 200)
    #expect(
      try await server.send(.GET, "/model/version", token: "admin-secret").decode(ModelVersionResponse.self)
        .version == 1)
    let envelope = try await server.send(.GET, "/model/manifest", token: "admin-secret").decode(
      SignedManifest.self)
    let manifest = try #require(
      ManifestSigner.verify(envelope, publicKey: server.server.registry.signer.publicKey))
    #expect(manifest.rollback)
    #expect(manifest.rollbackFrom == 2)
    let invalid = try await server.send(.POST, "/admin/models/1/reject", body: nil, token: "admin-secret")
    #expect(invalid.status == 409)
    #expect(invalid.error == "edge model v1 is current and cannot become rejected")
    let unknown = try await server.send(.POST, "/admin/models/7/promote", body: nil, token: "admin-secret")
    #expect(unknown.status == 404)
    try await server.stop()
  }

  @Test("operators can label an escalation, which overrides the cloud for retraining")
  func label() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let body = TestWindows.lessonBody(deviceID: "m", features: TestWindows.window(seed: 9), edgeMSE: 0.1)
    #expect(try await server.send(.POST, "/classify", body: body).status == 200)
    let id = try #require(try await server.server.escalations.escalations(EscalationQuery()).first?.id)
    let labelled = try await server.send(
      .POST, "/escalations/\(id)/label", json: LabelRequest(label: 1), token: "admin-secret")
    #expect(labelled.status == 200)
    #expect(try labelled.decode(StoredEscalation.self).operatorLabel == 1)
    let bad = try await server.send(
      .POST, "/escalations/\(id)/label", json: LabelRequest(label: 3), token: "admin-secret")
    #expect(bad.status == 400)
    #expect(
      try await server.send(
        .POST, "/escalations/999/label", json: LabelRequest(label: 0), token: "admin-secret"
      ).status == 404)
    try await server.stop()
  }
}

@Suite("Server configuration")
struct ServerConfigurationTests {
  @Test("TLS needs both files; with both the server takes them")
  func tlsFiles() throws {
    var configuration = ServerConfiguration(scorerLoader: TestModels.loadScorer)
    #expect(try configuration.tlsFiles() == nil)
    configuration.tlsCertificateFile = URL(fileURLWithPath: "/tmp/cert.pem")
    #expect(throws: ServerSetupError.tlsNeedsBothFiles) { try configuration.tlsFiles() }
    configuration.tlsKeyFile = URL(fileURLWithPath: "/tmp/key.pem")
    #expect(try configuration.tlsFiles()?.key == configuration.tlsKeyFile)
  }

  @Test("a body sent chunked, without Content-Length, is still cut off at the limit with 413")
  func chunkedOversizedBody() async throws {
    let server = try await TestServer.start(allowAnonymous: true, bodyLimit: 4 * 1024)
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.running.port)/classify")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    let chunks = AsyncStream<ByteBuffer> { continuation in
      for _ in 0..<8 { continuation.yield(ByteBuffer(repeating: UInt8(ascii: " "), count: 1024)) }
      continuation.finish()
    }
    request.body = .stream(chunks, length: .unknown)
    let response = try await server.client.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 1 << 16)
    #expect(response.status.code == 413)
    #expect(String(buffer: body).contains("exceeds the limit of 4096 bytes"))
    #expect(try await server.storedCount() == 0)
    try await server.stop()
  }
}
