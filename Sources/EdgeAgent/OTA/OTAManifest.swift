import EdgeCore

/// The device's view of a signed model manifest: what it must check before and after installing a model.
///
/// Read from the signed payload's `Wire.ModelManifest` by `OTAManifest+JSON.swift`.
public struct OTAManifest: Equatable, Sendable {
  /// Strictly increasing number among every manifest the server signed, rollbacks included.
  public var serial: UInt64
  /// The model version described.
  public var version: Int
  /// Size of the `.tflite` in bytes.
  public var sizeBytes: Int
  /// SHA-256 of the `.tflite`.
  public var sha256: SHA256Hash
  /// The zone thresholds that go with this model.
  public var thresholds: ZoneThresholds
  /// Known raw windows and the MSE the model must give on them.
  public var selfTest: [SelfTestCase]
  /// Allowed relative difference between a measured and an expected self-test MSE.
  public var selfTestTolerance: Double
  /// True when the manifest deliberately moves devices back to an older version.
  public var rollback: Bool
  /// Fraction of windows this model escalated on validation data; nil when the manifest does not say.
  public var expectedEscalationRate: Double?

  /// A manifest.
  public init(
    serial: UInt64, version: Int, sizeBytes: Int, sha256: SHA256Hash, thresholds: ZoneThresholds,
    selfTest: [SelfTestCase], selfTestTolerance: Double, rollback: Bool, expectedEscalationRate: Double? = nil
  ) {
    self.serial = serial
    self.version = version
    self.sizeBytes = sizeBytes
    self.sha256 = sha256
    self.thresholds = thresholds
    self.selfTest = selfTest
    self.selfTestTolerance = selfTestTolerance
    self.rollback = rollback
    self.expectedEscalationRate = expectedEscalationRate
  }
}

/// One post-update self-test: a raw window and the edge MSE the new model must give on it.
public struct SelfTestCase: Equatable, Sendable {
  /// The raw window, as the sensor delivers it.
  public var input: [Float]
  /// The MSE the model gives on `input`.
  public var expectedMSE: Double

  /// A self-test case.
  public init(input: [Float], expectedMSE: Double) {
    self.input = input
    self.expectedMSE = expectedMSE
  }

  /// Whether `measured` is within `tolerance` (relative) of the expected MSE; NaN never passes.
  public func passes(measured: Float, tolerance: Double) -> Bool {
    abs(Double(measured) - expectedMSE) <= tolerance * abs(expectedMSE)
  }
}
