import Wire

/// One registered edge model version: the `.tflite` facts, its thresholds and its rollout state.
public struct EdgeModelRecord: Codable, Sendable, Equatable {
  /// Model version (strictly increasing over registrations).
  public var version: Int
  /// Lower-case hex SHA-256 of the `.tflite` bytes.
  public var sha256: String
  /// Size of the `.tflite`.
  public var sizeBytes: Int
  /// Zone thresholds (`thresholds.version == version`).
  public var thresholds: ThresholdsResponse
  /// Known windows and MSEs for the device's post-update self-test.
  public var selfTest: [SelfTestCase]
  /// Relative tolerance of the self-test.
  public var selfTestTolerance: Double
  /// Free-form JSON object with training statistics (epochs, losses, AUC, escalation rate …).
  public var trainingStats: String?
  /// When it was registered.
  public var created: WireTimestamp
  /// Rollout state.
  public var state: ModelState
  /// Why it is in its state (gate result, rollback cause …).
  public var reason: String?
  /// When the state last changed.
  public var stateChanged: WireTimestamp

  /// A model record.
  public init(
    version: Int, sha256: String, sizeBytes: Int, thresholds: ThresholdsResponse, selfTest: [SelfTestCase],
    selfTestTolerance: Double, trainingStats: String?, created: WireTimestamp, state: ModelState,
    reason: String?,
    stateChanged: WireTimestamp
  ) {
    self.version = version
    self.sha256 = sha256
    self.sizeBytes = sizeBytes
    self.thresholds = thresholds
    self.selfTest = selfTest
    self.selfTestTolerance = selfTestTolerance
    self.trainingStats = trainingStats
    self.created = created
    self.state = state
    self.reason = reason
    self.stateChanged = stateChanged
  }

  enum CodingKeys: String, CodingKey {
    case version, sha256, thresholds, created, state, reason
    case sizeBytes = "size_bytes"
    case selfTest = "self_test"
    case selfTestTolerance = "self_test_tolerance"
    case trainingStats = "training_stats"
    case stateChanged = "state_changed"
  }

  /// The `/model/version` answer for this model.
  public var versionResponse: ModelVersionResponse {
    ModelVersionResponse(
      version: version, filename: ModelFiles.servedFileName, sizeBytes: sizeBytes, sha256: sha256)
  }
}

/// One signed manifest as issued (serials never repeat).
public struct ManifestRecord: Sendable, Equatable {
  /// The manifest's serial.
  public var serial: Int
  /// The edge model version it names.
  public var version: Int
  /// The signed envelope as served.
  public var envelope: SignedManifest

  /// A manifest record.
  public init(serial: Int, version: Int, envelope: SignedManifest) {
    self.serial = serial
    self.version = version
    self.envelope = envelope
  }
}

/// One transition in the registry's history (the dashboard shows them).
public struct RegistryEvent: Codable, Sendable, Equatable {
  /// Which model family.
  public enum Model: String, Sendable, Codable {
    /// An int8 edge model.
    case edge
    /// A float cloud model.
    case cloud
  }

  /// When it happened.
  public var ts: WireTimestamp
  /// Edge or cloud.
  public var model: Model
  /// The version that moved.
  public var version: Int
  /// State before (nil when just registered).
  public var from: ModelState?
  /// State after.
  public var to: ModelState
  /// Why.
  public var reason: String?

  /// An event.
  public init(
    ts: WireTimestamp, model: Model, version: Int, from: ModelState?, to: ModelState, reason: String?
  ) {
    self.ts = ts
    self.model = model
    self.version = version
    self.from = from
    self.to = to
    self.reason = reason
  }
}
