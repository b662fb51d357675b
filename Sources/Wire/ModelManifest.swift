/// What a device must know to trust an edge model update; served signed (see `SignedManifest`).
///
/// Acceptance rule for devices: the envelope verifies with the pinned key, `serial` is greater than
/// every serial accepted before, and either `version` is greater than the running version or
/// `rollback` is true. Then the downloaded bytes must have `sizeBytes` and `sha256`, and after the
/// switch each `selfTest` input must give its expected MSE within `selfTestTolerance`.
public struct ModelManifest: Codable, Sendable, Equatable {
  /// Strictly increasing number of this manifest among all the server ever signed (rollbacks included).
  public var serial: Int
  /// Edge model version the manifest describes.
  public var version: Int
  /// File name devices store it under.
  public var filename: String
  /// Size of the `.tflite` in bytes.
  public var sizeBytes: Int
  /// Lower-case hex SHA-256 of the `.tflite` bytes.
  public var sha256: String
  /// Zone thresholds of this version.
  public var thresholds: ThresholdsResponse
  /// Known raw windows and the MSE the model must give on them.
  public var selfTest: [SelfTestCase]
  /// Allowed relative difference between measured and expected self-test MSE.
  public var selfTestTolerance: Double
  /// When the model version was registered.
  public var created: WireTimestamp
  /// When this manifest was signed.
  public var issued: WireTimestamp
  /// True when this manifest deliberately moves devices back to an older version.
  public var rollback: Bool
  /// The version being rolled back from, for a rollback.
  public var rollbackFrom: Int?
  /// Fraction of windows this version escalated on validation data; devices roll back a model whose
  /// live rate is far above it. Nil when unknown.
  public var expectedEscalationRate: Double?

  /// A manifest.
  public init(
    serial: Int, version: Int, filename: String, sizeBytes: Int, sha256: String,
    thresholds: ThresholdsResponse,
    selfTest: [SelfTestCase], selfTestTolerance: Double, created: WireTimestamp, issued: WireTimestamp,
    rollback: Bool, rollbackFrom: Int? = nil, expectedEscalationRate: Double? = nil
  ) {
    self.serial = serial
    self.version = version
    self.filename = filename
    self.sizeBytes = sizeBytes
    self.sha256 = sha256
    self.thresholds = thresholds
    self.selfTest = selfTest
    self.selfTestTolerance = selfTestTolerance
    self.created = created
    self.issued = issued
    self.rollback = rollback
    self.rollbackFrom = rollbackFrom
    self.expectedEscalationRate = expectedEscalationRate
  }

  enum CodingKeys: String, CodingKey {
    case serial, version, filename, sha256, thresholds, created, issued, rollback
    case sizeBytes = "size_bytes"
    case selfTest = "self_test"
    case selfTestTolerance = "self_test_tolerance"
    case rollbackFrom = "rollback_from"
    case expectedEscalationRate = "expected_escalation_rate"
  }
}

/// One post-update self-test: a raw window and the edge MSE the new model must produce on it.
public struct SelfTestCase: Codable, Sendable, Equatable {
  /// Raw window, as a device would read it from its sensor.
  public var input: [Float]
  /// Edge MSE the model gives on `input`.
  public var expectedMSE: Double

  /// A self-test case.
  public init(input: [Float], expectedMSE: Double) {
    self.input = input
    self.expectedMSE = expectedMSE
  }

  enum CodingKeys: String, CodingKey {
    case input
    case expectedMSE = "expected_mse"
  }
}
