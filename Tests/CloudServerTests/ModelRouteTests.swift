import Crypto
import Foundation
import Testing
import Wire

@testable import CloudServer

@Suite("GET /model/…", .serialized)
struct ModelRouteTests {
  @Test("version and thresholds describe the current model")
  func versionAndThresholds() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let version = try await server.send(.GET, "/model/version").decode(ModelVersionResponse.self)
    #expect(version.version == 1)
    #expect(version.filename == "model.tflite")
    #expect(version.sizeBytes == server.edgeModel.count)
    #expect(version.sha256 == ModelFiles.sha256(server.edgeModel))
    let thresholds = try await server.send(.GET, "/model/thresholds").decode(ThresholdsResponse.self)
    #expect(thresholds == TestModels.thresholds(version: 1))
    try await server.stop()
  }

  @Test("download serves the bytes with their SHA-256 as ETag, and If-None-Match gives 304")
  func download() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let full = try await server.send(.GET, "/model/download")
    #expect(full.status == 200)
    #expect(full.body == server.edgeModel)
    #expect(full.headers["Content-Type"].first == "application/octet-stream")
    let etag = try #require(full.headers["ETag"].first)
    #expect(etag == "\"\(ModelFiles.sha256(server.edgeModel))\"")
    #expect(full.headers["Accept-Ranges"].first == "bytes")
    #expect(try await server.send(.GET, "/model/download", headers: [("If-None-Match", etag)]).status == 304)
    #expect(try await server.send(.GET, "/model/download?version=1").body == server.edgeModel)
    try await server.stop()
  }

  @Test("a download interrupted after any byte resumes with Range to the identical file")
  func resumableDownload() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let size = server.edgeModel.count
    let head = try await server.send(.GET, "/model/download", headers: [("Range", "bytes=0-699")])
    #expect(head.status == 206)
    #expect(head.headers["Content-Range"].first == "bytes 0-699/\(size)")
    let tail = try await server.send(.GET, "/model/download", headers: [("Range", "bytes=700-")])
    #expect(tail.status == 206)
    #expect(tail.headers["Content-Range"].first == "bytes 700-\(size - 1)/\(size)")
    #expect(head.body + tail.body == server.edgeModel)
    let stale = try await server.send(
      .GET, "/model/download", headers: [("Range", "bytes=700-"), ("If-Range", "\"someotherversion\"")])
    #expect(stale.status == 200)
    #expect(stale.body == server.edgeModel)
    let beyond = try await server.send(.GET, "/model/download", headers: [("Range", "bytes=\(size)-")])
    #expect(beyond.status == 416)
    #expect(beyond.headers["Content-Range"].first == "bytes */\(size)")
    #expect(beyond.error.contains("outside"))
    try await server.stop()
  }

  @Test("unknown or malformed versions are 4xx with the known versions")
  func unknownVersion() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let unknown = try await server.send(.GET, "/model/download?version=9")
    #expect(unknown.status == 404)
    #expect(unknown.error == "no edge model version 9; registered: 1")
    let malformed = try await server.send(.GET, "/model/thresholds?version=abc")
    #expect(malformed.status == 400)
    #expect(malformed.error.contains("must be an integer"))
    try await server.stop()
  }

  @Test("the manifest verifies with the served public key, matches the bytes, and fails when tampered")
  func signedManifest() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let key = try await server.send(.GET, "/model/public-key").decode(PublicKeyResponse.self)
    let publicKey = try #require(Data(base64Encoded: key.publicKey))
    #expect(key.keyID == ManifestSigner.keyID(of: publicKey))
    let envelope = try await server.send(.GET, "/model/manifest").decode(SignedManifest.self)
    let manifest = try #require(ManifestSigner.verify(envelope, publicKey: publicKey))
    let bytes = try await server.send(.GET, "/model/download").body
    #expect(manifest.version == 1)
    #expect(manifest.sizeBytes == bytes.count)
    #expect(manifest.sha256 == ModelFiles.sha256(bytes))
    #expect(manifest.thresholds == TestModels.thresholds(version: 1))
    #expect(manifest.selfTest == [SelfTestCase(input: [0.25, 0.5], expectedMSE: 0.125)])
    #expect(manifest.rollback == false)
    var payload = try #require(envelope.payloadBytes)
    payload[payload.count / 2] ^= 0x01
    var tampered = envelope
    tampered.payload = payload.base64EncodedString()
    #expect(ManifestSigner.verify(tampered, publicKey: publicKey) == nil)
    try await server.stop()
  }

  @Test("model routes need a device token unless anonymous devices are allowed; the public key never does")
  func modelRoutesAuthentication() async throws {
    let server = try await TestServer.start(allowAnonymous: false)
    #expect(try await server.send(.GET, "/model/version").status == 401)
    #expect(try await server.send(.GET, "/model/download").status == 401)
    #expect(try await server.send(.GET, "/model/public-key").status == 200)
    let token = try await server.server.core.registerDevice("motor-01")
    #expect(try await server.send(.GET, "/model/version", token: token).status == 200)
    try await server.stop()
  }

  @Test("devices in the canary cohort get the canary version, the others the current one")
  func canaryCohort() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let registry = server.server.registry
    try await registry.addEdgeModel(
      tflite: TestModels.fakeTFLite(size: 1_500), thresholds: TestModels.thresholds(version: 2), selfTest: [])
    try await registry.setCanaryFraction(0.5)
    try await registry.transitionEdge(version: 2, to: .canary, reason: "gate passed")
    try await server.server.core.reload()
    var seen: [Int: Int] = [:]
    for index in 0..<40 {
      let device = "motor-\(index)"
      let version = try await server.send(.GET, "/model/version?device_id=\(device)").decode(
        ModelVersionResponse.self)
      seen[version.version, default: 0] += 1
      let expected = CanaryCohort(fraction: 0.5, knownDevices: []).contains(device) ? 2 : 1
      #expect(version.version == expected)
    }
    #expect(seen[1, default: 0] > 5 && seen[2, default: 0] > 5)
    #expect(try await server.send(.GET, "/model/version").decode(ModelVersionResponse.self).version == 1)
    try await server.stop()
  }
}
