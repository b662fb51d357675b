import EdgeCore
import Foundation
import Testing

@testable import EdgeAgent

@Suite struct ManifestVerifierTests {
  let signer = ManifestSigner()
  let payload = FakeModel.payload(gain: 3, size: 100)

  @Test func verifiedEnvelopeGivesTheManifestFields() throws {
    let document = signer.document(serial: 7, version: 3, payload: payload, expectedEscalationRate: 0.03)
    let manifest = try signer.verifier.verify(signer.sign(document))
    #expect(manifest.serial == 7 && manifest.version == 3 && manifest.sizeBytes == 100)
    #expect(manifest.sha256 == SHA256Hasher.hash(payload))
    let thresholds = try ZoneThresholds(low: 0.2, high: 0.4)
    #expect(manifest.thresholds == thresholds)
    #expect(manifest.selfTest.count == 2 && manifest.selfTestTolerance == 0.01)
    #expect(!manifest.rollback && manifest.expectedEscalationRate == 0.03)
  }

  @Test func anyChangedPayloadByteFailsTheSignature() throws {
    let envelope = try signer.sign(signer.document(serial: 1, version: 1, payload: payload))
    for index in stride(from: 0, to: envelope.payload.count, by: 7) {
      var tampered = envelope
      tampered.payload[index] ^= 0x20
      #expect(throws: OTARejection.badSignature) { try signer.verifier.verify(tampered) }
    }
  }

  @Test func shortSignatureIsMalformed() throws {
    var envelope = try signer.sign(signer.document(serial: 1, version: 1, payload: payload))
    envelope.signature.removeLast()
    #expect(throws: OTARejection.malformedSignature("63 bytes, Ed25519 signatures have 64")) {
      try signer.verifier.verify(envelope)
    }
  }

  @Test func signedButUnusableManifestsAreRefused() throws {
    var noTests = signer.document(serial: 1, version: 1, payload: payload)
    noTests.selfTest = []
    var badDigest = signer.document(serial: 1, version: 1, payload: payload)
    badDigest.sha256 = "xyz"
    var badThresholds = signer.document(serial: 1, version: 1, payload: payload)
    badThresholds.thresholds.lowThreshold = 0.9
    var zeroSerial = signer.document(serial: 1, version: 1, payload: payload)
    zeroSerial.serial = 0
    for document in [noTests, badDigest, badThresholds, zeroSerial] {
      #expect(throws: OTARejection.self) { try signer.verifier.verify(signer.sign(document)) }
    }
    let notJSON = Array("hello".utf8)
    let envelope = SignedManifestEnvelope(
      payload: notJSON, signature: [UInt8](try signer.key.signature(for: notJSON)))
    #expect(throws: OTARejection.self) { try signer.verifier.verify(envelope) }
  }

  @Test func keyIDIsTheHexOfTheFirstEightBytesOfTheKeysSHA256() {
    let raw = [UInt8](signer.key.publicKey.rawRepresentation)
    #expect(signer.verifier.keyID == String(SHA256Hasher.hash(raw).hex.prefix(16)))
    #expect(signer.verifier.keyID.count == 16)
  }

  @Test func digestHexRoundTripsAndRefusesNonHex() throws {
    let digest = SHA256Hasher.hash(payload)
    #expect(SHA256Hash(hex: digest.hex) == digest)
    #expect(SHA256Hash(hex: digest.hex.uppercased()) == digest)
    #expect(SHA256Hash(hex: String(digest.hex.dropLast())) == nil)
    #expect(SHA256Hash(hex: "g" + digest.hex.dropFirst()) == nil)
    #expect(SHA256Hasher.hash([]).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func selfTestToleranceIsRelativeAndNaNNeverPasses() {
    let test = SelfTestCase(input: [], expectedMSE: 0.5)
    #expect(test.passes(measured: 0.504, tolerance: 0.01))
    #expect(!test.passes(measured: 0.506, tolerance: 0.01))
    #expect(!test.passes(measured: .nan, tolerance: 0.01))
  }
}
