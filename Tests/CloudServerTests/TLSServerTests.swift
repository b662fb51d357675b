import AsyncHTTPClient
import Crypto
import Foundation
import NIOSSL
import Testing
import Wire
import X509

@testable import CloudServer

@Suite("The server over TLS", .serialized)
struct TLSServerTests {
  @Test("with certificate files the server speaks HTTPS only: /classify is answered and stored, /healthz too")
  func classifyOverTLS() async throws {
    let files = try TemporaryDirectory("edgehybrid-tls")
    defer { files.remove() }
    let (certificate, key) = try Self.selfSignedFiles(in: files.url)
    let server = try await TestServer.start(allowAnonymous: true) { configuration in
      configuration.tlsCertificateFile = certificate
      configuration.tlsKeyFile = key
    }
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate.path))
    tls.certificateVerification = .noHostnameVerification
    let client = HTTPClient(
      eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
    let base = "https://127.0.0.1:\(server.running.port)"
    let window = TestWindows.window(seed: 9)
    var request = HTTPClientRequest(url: "\(base)/classify")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(TestWindows.lessonBody(deviceID: "tls-01", features: window, edgeMSE: 0.2))
    let response = try await client.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 1 << 16)
    #expect(response.status == .ok)
    let answer = try JSONDecoder().decode(ClassifyResponse.self, from: Data(buffer: body))
    #expect(answer.classification == server.classifier.classify(window).classification)
    #expect(try await server.storedCount() == 1)
    let health = try await client.execute(HTTPClientRequest(url: "\(base)/healthz"), timeout: .seconds(30))
    #expect(health.status == .ok)
    try await client.shutdown()

    let plain = try? await server.send(.GET, "/healthz")
    #expect(plain?.status != 200, "plain HTTP is not served on a TLS port")
    try await server.stop()
  }

  /// A fresh P-256 key and a self-signed certificate, as PEM files (the client skips the host name check).
  static func selfSignedFiles(in directory: URL) throws -> (certificate: URL, key: URL) {
    let key = P256.Signing.PrivateKey()
    let name = try DistinguishedName { CommonName("127.0.0.1") }
    let now = Date()
    let certificate = try Certificate(
      version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
      notValidBefore: now - 3600, notValidAfter: now + 3600, issuer: name, subject: name,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: Certificate.Extensions(),
      issuerPrivateKey: .init(key))
    let certificateFile = directory.appendingPathComponent("cert.pem")
    let keyFile = directory.appendingPathComponent("key.pem")
    try Data(certificate.serializeAsPEM().pemString.utf8).write(to: certificateFile)
    try Data(key.pemRepresentation.utf8).write(to: keyFile)
    return (certificateFile, keyFile)
  }
}
