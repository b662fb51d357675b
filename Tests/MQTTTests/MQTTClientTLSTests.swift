import NIOCore
import NIOSSL
import Testing

@testable import MQTT

@Suite("Client over TLS against a real mosquitto")
struct MQTTClientTLSTests {
  @Test("with the broker's certificate trusted, messages flow over TLS")
  func publishSubscribeOverTLS() async throws {
    try await withMosquitto(tls: testTLSIdentity) { broker in
      let certificate = try NIOSSLCertificate(bytes: Array(testTLSIdentity.certificatePEM.utf8), format: .pem)
      var tls = TLSConfiguration.makeClientConfiguration()
      tls.trustRoots = .certificates([certificate])
      let client = makeClient(broker, clientID: "tls-client") {
        $0.tls = tls
        $0.tlsServerHostname = "localhost"
      }
      try await client.connect()
      let subscription = try await client.subscribe(to: "secure/#")
      try await client.publish(topic: "secure/1", payload: ByteBuffer(string: "encrypted"))
      #expect(texts(await collect(subscription.messages, count: 1)) == ["encrypted"])
      await client.disconnect()
    }
  }

  @Test("a broker certificate the client does not trust fails connect() with the TLS reason")
  func untrustedCertificateIsRefused() async throws {
    try await withMosquitto(tls: testTLSIdentity) { broker in
      let client = makeClient(broker, clientID: "wary-client") {
        $0.tls = TLSConfiguration.makeClientConfiguration()
        $0.tlsServerHostname = "localhost"
      }
      let error = await #expect(throws: MQTTError.self) { try await client.connect() }
      guard case .connectionFailed(let reason)? = error else {
        Issue.record("expected connectionFailed, got \(String(describing: error))")
        return
      }
      #expect(reason.contains("CERTIFICATE_VERIFY_FAILED"), "reason: \(reason)")
    }
  }

  @Test("a plain TCP client against a TLS listener does not hang: it fails within the connect timeout")
  func plainClientAgainstTLSListener() async throws {
    try await withMosquitto(tls: testTLSIdentity) { broker in
      let client = makeClient(broker, clientID: "plain-client") { $0.connectTimeout = .milliseconds(500) }
      await #expect(throws: MQTTError.self) { try await client.connect() }
      #expect(await client.connectionState == .idle)
    }
  }
}
