import EdgeCore
import Foundation

/// ADAPTER to the server's manifest JSON (the `ModelManifest` the `server` branch documents in Wire): the
/// signed payload is decoded here only after its signature verified. When `Wire` lands, replace the
/// `Document` mirror below with `Wire.ModelManifest` and keep the checks.
extension OTAManifest {
  /// Decodes and checks a signed payload's JSON.
  public init(json: [UInt8]) throws(OTARejection) {
    let document: Document
    do {
      document = try JSONDecoder().decode(Document.self, from: Data(json))
    } catch {
      throw .malformedManifest("not a manifest JSON document: \(error)")
    }
    guard document.serial > 0 else { throw .malformedManifest("serial \(document.serial) is not positive") }
    guard document.version >= 0 else { throw .malformedManifest("version \(document.version) is negative") }
    guard document.sizeBytes > 0 else {
      throw .malformedManifest("size_bytes \(document.sizeBytes) is not positive")
    }
    guard let digest = SHA256Hash(hex: document.sha256) else {
      throw .malformedManifest("sha256 \"\(document.sha256)\" is not 64 hex digits")
    }
    let thresholds: ZoneThresholds
    do {
      thresholds = try ZoneThresholds(
        low: Float(document.thresholds.lowThreshold), high: Float(document.thresholds.highThreshold))
    } catch {
      throw .malformedManifest("thresholds refused: \(error)")
    }
    guard !document.selfTest.isEmpty else { throw .malformedManifest("self_test has no cases") }
    guard document.selfTestTolerance >= 0 && document.selfTestTolerance.isFinite else {
      throw .malformedManifest("self_test_tolerance \(document.selfTestTolerance) is not a finite value ≥ 0")
    }
    if let rate = document.expectedEscalationRate, !(0...1).contains(rate) {
      throw .malformedManifest("expected_escalation_rate \(rate) is not in [0, 1]")
    }
    self.init(
      serial: UInt64(document.serial), version: document.version, sizeBytes: document.sizeBytes,
      sha256: digest,
      thresholds: thresholds,
      selfTest: document.selfTest.map { SelfTestCase(input: $0.input, expectedMSE: $0.expectedMSE) },
      selfTestTolerance: document.selfTestTolerance, rollback: document.rollback,
      expectedEscalationRate: document.expectedEscalationRate)
  }

  /// The fields of the server's manifest JSON the device uses (others are ignored).
  struct Document: Codable {
    struct Thresholds: Codable {
      var lowThreshold: Double
      var highThreshold: Double

      enum CodingKeys: String, CodingKey {
        case lowThreshold = "low_threshold"
        case highThreshold = "high_threshold"
      }
    }

    struct Case: Codable {
      var input: [Float]
      var expectedMSE: Double

      enum CodingKeys: String, CodingKey {
        case input
        case expectedMSE = "expected_mse"
      }
    }

    var serial: Int
    var version: Int
    var sizeBytes: Int
    var sha256: String
    var thresholds: Thresholds
    var selfTest: [Case]
    var selfTestTolerance: Double
    var rollback: Bool
    var expectedEscalationRate: Double?

    enum CodingKeys: String, CodingKey {
      case serial, version, sha256, thresholds, rollback
      case sizeBytes = "size_bytes"
      case selfTest = "self_test"
      case selfTestTolerance = "self_test_tolerance"
      case expectedEscalationRate = "expected_escalation_rate"
    }
  }
}
