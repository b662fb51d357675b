import Crypto
import Foundation
import Testing
import Wire

@testable import CloudServer

@Suite("Manifest signing")
struct ManifestSignerTests {
  static let manifest = ModelManifest(
    serial: 3, version: 2, filename: "model.tflite", sizeBytes: 14_088,
    sha256: String(repeating: "ab", count: 32),
    thresholds: ThresholdsResponse(
      version: 2, lowThreshold: 0.14, highThreshold: 0.17, mu: 0.1, sigma: 0.017, kLow: 2, kHigh: 4),
    selfTest: [SelfTestCase(input: [0.5, -1.25], expectedMSE: 0.125)], selfTestTolerance: 1e-3,
    created: WireTimestamp(millisecondsSince1970: 1_000), issued: WireTimestamp(millisecondsSince1970: 2_000),
    rollback: false)

  @Test("a signed manifest verifies with the public key and decodes to the original")
  func verifies() throws {
    let signer = ManifestSigner(privateKey: Curve25519.Signing.PrivateKey())
    let envelope = try signer.sign(Self.manifest)
    #expect(envelope.alg == "Ed25519")
    #expect(envelope.keyID == signer.keyID)
    #expect(ManifestSigner.verify(envelope, publicKey: signer.publicKey) == Self.manifest)
  }

  @Test("the signature is over the exact payload bytes, checkable with plain Curve25519")
  func schemeIsPlainEd25519OverPayload() throws {
    let signer = ManifestSigner(privateKey: Curve25519.Signing.PrivateKey())
    let envelope = try signer.sign(Self.manifest)
    let key = try Curve25519.Signing.PublicKey(rawRepresentation: signer.publicKey)
    let payload = try #require(Data(base64Encoded: envelope.payload))
    let signature = try #require(Data(base64Encoded: envelope.signature))
    #expect(signature.count == 64)
    #expect(key.isValidSignature(signature, for: payload))
    #expect(try JSONDecoder().decode(ModelManifest.self, from: payload) == Self.manifest)
  }

  @Test("a tampered payload, a tampered signature or another key fails verification")
  func tamperingFails() throws {
    let signer = ManifestSigner(privateKey: Curve25519.Signing.PrivateKey())
    let envelope = try signer.sign(Self.manifest)
    var forged = Self.manifest
    forged.sha256 = String(repeating: "cd", count: 32)
    var tamperedPayload = envelope
    tamperedPayload.payload = try JSONEncoder().encode(forged).base64EncodedString()
    #expect(ManifestSigner.verify(tamperedPayload, publicKey: signer.publicKey) == nil)
    var signatureBytes = try #require(envelope.signatureBytes)
    signatureBytes[5] ^= 1
    var tamperedSignature = envelope
    tamperedSignature.signature = signatureBytes.base64EncodedString()
    #expect(ManifestSigner.verify(tamperedSignature, publicKey: signer.publicKey) == nil)
    let stranger = ManifestSigner(privateKey: Curve25519.Signing.PrivateKey())
    #expect(ManifestSigner.verify(envelope, publicKey: stranger.publicKey) == nil)
  }

  @Test("the key is created once in the data directory, owner-readable only, and reloaded")
  func keyPersists() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let first = try ManifestSigner.loadOrCreate(in: directory.url)
    let second = try ManifestSigner.loadOrCreate(in: directory.url)
    #expect(first.publicKey == second.publicKey)
    let attributes = try FileManager.default.attributesOfItem(
      atPath: directory.url.appendingPathComponent(ManifestSigner.keyFileName).path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }
}
