import EdgeCore
import Foundation
import Wire

/// The device's reading of the server's signed manifest (`Wire.ModelManifest`): decoded only after its
/// signature verified, then checked field by field before anything is downloaded.
extension OTAManifest {
  /// Decodes and checks a signed payload's JSON.
  public init(json: [UInt8]) throws(OTARejection) {
    let document: ModelManifest
    do {
      document = try JSONDecoder().decode(ModelManifest.self, from: Data(json))
    } catch {
      throw .malformedManifest("not a manifest JSON document: \(error)")
    }
    try self.init(document)
  }

  /// Checks a decoded manifest: positive serial and size, a SHA-256, usable thresholds and self-test cases,
  /// an escalation rate in [0, 1].
  public init(_ document: ModelManifest) throws(OTARejection) {
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
}
