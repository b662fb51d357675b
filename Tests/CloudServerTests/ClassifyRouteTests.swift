import Foundation
import Testing
import Wire

@testable import CloudServer

@Suite("POST /classify", .serialized)
struct ClassifyRouteTests {
  @Test("an anonymous lesson-style request is judged, stored, and answered with DESIGN.md's fields")
  func anonymousClassify() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let features = TestWindows.window(seed: 1)
    let reply = try await server.send(
      .POST, "/classify",
      body: TestWindows.lessonBody(deviceID: "esp32-01", features: features, edgeMSE: 0.15))
    #expect(reply.status == 200, "\(reply.error)")
    let answer = try reply.decode(ClassifyResponse.self)
    let expected = server.classifier.classify([features])[0]
    #expect(answer.classification == expected.classification)
    #expect(answer.label == (expected.classification == 1 ? "anomaly" : "normal"))
    #expect(answer.confidence == expected.confidence)
    #expect(answer.cloudMSE == expected.cloudMSE)
    #expect(answer.cloudModel == "cloud-1")
    let stored = try await server.server.escalations.escalations(EscalationQuery())
    #expect(stored.count == 1)
    #expect(stored.first?.features == features)
    #expect(stored.first?.edgeMSE == 0.15)
    #expect(stored.first?.deviceID == "esp32-01")
    try await server.stop()
  }

  @Test("a retried escalation_id is stored once and answered the same")
  func retryStoredOnce() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let request = ClassifyRequest(
      deviceID: "motor-01", features: TestWindows.window(seed: 2), edgeMSE: 0.15, modelVersion: 1,
      escalationID: "motor-01-000042")
    let first = try await server.send(.POST, "/classify", json: request)
    let second = try await server.send(.POST, "/classify", json: request)
    #expect(first.status == 200)
    #expect(second.status == 200)
    #expect(try first.decode(ClassifyResponse.self) == second.decode(ClassifyResponse.self))
    #expect(try await server.storedCount() == 1)
    try await server.stop()
  }

  @Test("without --allow-anonymous-devices a token is required and must match the device")
  func authentication() async throws {
    let server = try await TestServer.start(allowAnonymous: false)
    let body = ClassifyRequest(deviceID: "motor-01", features: TestWindows.window(seed: 3), edgeMSE: 0.15)
    let missing = try await server.send(.POST, "/classify", json: body)
    #expect(missing.status == 401)
    #expect(missing.error.contains("missing bearer token"))
    #expect(missing.headers["WWW-Authenticate"].first == "Bearer")
    #expect(try await server.send(.POST, "/classify", json: body, token: "ehd_wrong").status == 401)

    let token = try await server.server.core.registerDevice("motor-01")
    let other = try await server.server.core.registerDevice("motor-02")
    #expect(try await server.send(.POST, "/classify", json: body, token: token).status == 200)
    let mismatch = try await server.send(.POST, "/classify", json: body, token: other)
    #expect(mismatch.status == 403)
    #expect(mismatch.error.contains("motor-02"))

    var unknown = body
    unknown.deviceID = "motor-99"
    let admin = try await server.send(.POST, "/classify", json: unknown, token: "admin-secret")
    #expect(admin.status == 403)
    #expect(admin.error.contains("unknown device motor-99"))

    #expect(try await server.server.devices.revokeDevice("motor-01", at: .now()))
    try await server.server.core.reload()
    #expect(try await server.send(.POST, "/classify", json: body, token: token).status == 401)
    #expect(try await server.storedCount() == 1)
    try await server.stop()
  }

  @Test("with anonymous devices allowed a registered device must still use its token")
  func registeredDeviceNeedsToken() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    _ = try await server.server.core.registerDevice("motor-01")
    let body = ClassifyRequest(deviceID: "motor-01", features: TestWindows.window(seed: 4), edgeMSE: 0.15)
    let reply = try await server.send(.POST, "/classify", json: body)
    #expect(reply.status == 401)
    #expect(reply.error.contains("registered"))
    #expect(try await server.storedCount() == 0)
    try await server.stop()
  }

  @Test("every kind of bad input gets a 4xx naming the problem, stores nothing, and the server keeps serving")
  func badInputs() async throws {
    let server = try await TestServer.start(allowAnonymous: true, bodyLimit: 8 * 1024)
    let good = TestWindows.window(seed: 5)
    let values = good.map { "\($0)" }.joined(separator: ",")
    let short = good.dropLast().map { "\($0)" }.joined(separator: ",")
    let cases: [(name: String, body: Data, contentType: String?, status: Int, message: String)] = [
      (
        "wrong count", Data(#"{"device_id":"m","features":[\#(short)],"edge_mse":0.1}"#.utf8),
        "application/json", 400,
        "features: expected 300 numbers, got 299"
      ),
      (
        "NaN as text", Data(#"{"device_id":"m","features":["NaN",\#(short)],"edge_mse":0.1}"#.utf8),
        "application/json",
        400, "features[0]: expected a number"
      ),
      (
        "huge exponent", Data(#"{"device_id":"m","features":[1e39,\#(short)],"edge_mse":0.1}"#.utf8),
        "application/json", 400, "features[0]: 1e+39 is outside the float32 range"
      ),
      ("not JSON", Data("device_id=m".utf8), "application/json", 400, "not valid JSON"),
      ("empty body", Data(), "application/json", 400, "not valid JSON"),
      (
        "missing field", Data(#"{"device_id":"m","features":[\#(values)]}"#.utf8), "application/json", 400,
        #"missing field "edge_mse""#
      ),
      (
        "negative edge MSE", Data(#"{"device_id":"m","features":[\#(values)],"edge_mse":-1}"#.utf8),
        "application/json", 400, "edge_mse"
      ),
      (
        "bad device id", Data(#"{"device_id":"a/b","features":[\#(values)],"edge_mse":0.1}"#.utf8),
        "application/json", 400, "device_id"
      ),
      (
        "wrong content type", Data(#"{"device_id":"m","features":[\#(values)],"edge_mse":0.1}"#.utf8),
        "text/plain",
        415, "Content-Type must be application/json"
      ),
      (
        "no content type", Data(#"{"device_id":"m","features":[\#(values)],"edge_mse":0.1}"#.utf8), nil, 415,
        "got none"
      ),
      (
        "oversized body", Data(repeating: UInt8(ascii: " "), count: 9 * 1024), "application/json", 413,
        "exceeds the limit of 8192 bytes"
      ),
    ]
    for item in cases {
      let reply = try await server.send(.POST, "/classify", body: item.body, contentType: item.contentType)
      #expect(reply.status == item.status, "\(item.name): \(reply.error)")
      #expect(reply.error.contains(item.message), "\(item.name): \(reply.error)")
      #expect(reply.headers["Content-Type"].first == "application/json", "\(item.name)")
    }
    #expect(try await server.storedCount() == 0)
    let after = try await server.send(
      .POST, "/classify", body: TestWindows.lessonBody(deviceID: "m", features: good, edgeMSE: 0.1))
    #expect(after.status == 200)
    #expect(try await server.storedCount() == 1)
    try await server.stop()
  }

  @Test("unknown routes and methods answer 404 with a JSON error")
  func unknownRoute() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let reply = try await server.send(.GET, "/nope")
    #expect(reply.status == 404)
    #expect(reply.error == "no route GET /nope")
    #expect(try await server.send(.GET, "/classify").status == 404)
    try await server.stop()
  }
}
