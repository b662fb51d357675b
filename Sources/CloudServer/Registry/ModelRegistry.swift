import Foundation
import Wire

/// The model registry's operations: what `edgehybrid models`, the admin routes and the retraining loop call.
public struct ModelRegistry: Sendable {
  /// Default relative tolerance of a device's post-update self-test.
  public static let defaultSelfTestTolerance = 1e-3

  /// Where the registry is persisted.
  public let store: any ModelRegistryStore
  /// Where model files are kept.
  public let files: ModelFiles
  /// The key manifests are signed with.
  public let signer: ManifestSigner

  /// A registry over a store, a file area and a signing key.
  public init(store: any ModelRegistryStore, files: ModelFiles, signer: ManifestSigner) {
    self.store = store
    self.files = files
    self.signer = signer
  }

  /// The registry as stored now.
  public func snapshot() async throws -> RegistrySnapshot { try await store.loadRegistry() }

  /// Registers a `.tflite` with its thresholds as a candidate (version = `thresholds.version`).
  ///
  /// - Parameters:
  ///   - tflite: the int8 model file; must be a TFLite flatbuffer (`TFL3`).
  ///   - thresholds: its zone thresholds; `thresholds.version` is the model version and must exceed
  ///     every registered version (`RegistrySnapshot.nextEdgeVersion` is the next free one).
  ///   - selfTest: known raw windows and the MSE this model gives on them.
  ///   - trainingStats: a JSON object with whatever the trainer measured.
  @discardableResult
  public func addEdgeModel(
    tflite: Data, thresholds: ThresholdsResponse, selfTest: [SelfTestCase],
    selfTestTolerance: Double = defaultSelfTestTolerance, trainingStats: String? = nil, reason: String? = nil,
    at time: WireTimestamp = .now()
  ) async throws -> EdgeModelRecord {
    try Self.checkTFLite(tflite)
    try Self.checkThresholds(thresholds)
    if let trainingStats {
      guard (try? JSONSerialization.jsonObject(with: Data(trainingStats.utf8))) is [String: Any] else {
        throw RegistryError.invalidModel("training statistics must be a JSON object")
      }
    }
    let sha256 = try files.storeEdgeModel(tflite)
    let record = EdgeModelRecord(
      version: thresholds.version, sha256: sha256, sizeBytes: tflite.count, thresholds: thresholds,
      selfTest: selfTest, selfTestTolerance: selfTestTolerance, trainingStats: trainingStats, created: time,
      state: .candidate, reason: reason, stateChanged: time)
    try await store.updateRegistry { snapshot in try snapshot.registerEdge(record) }
    return record
  }

  /// Moves an edge model to a state (`canary`, `current` = promote, `rejected`, `rolledBack`), signing new manifests.
  public func transitionEdge(
    version: Int, to state: ModelState, reason: String?, at time: WireTimestamp = .now()
  )
    async throws
  {
    let signer = signer
    try await store.updateRegistry { snapshot in
      try snapshot.transitionEdge(version: version, to: state, reason: reason, at: time, signer: signer)
    }
  }

  /// Marks the current edge model rolled back and makes the newest retired one current again; returns (from, to).
  @discardableResult
  public func rollbackEdge(reason: String, at time: WireTimestamp = .now()) async throws -> (
    from: Int, to: Int
  ) {
    let signer = signer
    let moved = try await store.updateRegistry { snapshot in
      let (from, to) = try snapshot.rollbackEdge(reason: reason, at: time, signer: signer)
      return [from, to]
    }
    return (moved[0], moved[1])
  }

  /// Sets the fraction of devices that get a canary version.
  public func setCanaryFraction(_ fraction: Double) async throws {
    try await store.updateRegistry { snapshot in try snapshot.setCanaryFraction(fraction) }
  }

  /// Registers cloud weights with their card under the next cloud version; returns the stored record.
  @discardableResult
  public func addCloudModel(
    card: CloudModelCard, weights: Data, fileExtension: String, makeCurrent: Bool,
    at time: WireTimestamp = .now()
  ) async throws -> CloudModelRecord {
    let fileName = try files.storeCloudModel(weights, extension: fileExtension)
    return try await store.updateRegistry { snapshot in
      var stored = card
      stored.version = snapshot.nextCloudVersion
      stored.modelFile = fileName
      try snapshot.registerCloud(stored, at: time, makeCurrent: makeCurrent)
      guard let record = snapshot.cloudModels.last else {
        throw RegistryError.unknownCloudVersion(stored.version, known: [])
      }
      return record
    }
  }

  /// Makes a registered cloud model answer `/classify`.
  public func promoteCloud(version: Int, at time: WireTimestamp = .now()) async throws {
    try await store.updateRegistry { snapshot in try snapshot.promoteCloud(version: version, at: time) }
  }

  /// The bytes of a registered edge model.
  public func edgeModelBytes(_ record: EdgeModelRecord) throws -> Data {
    try files.readEdgeModel(sha256: record.sha256)
  }

  private static func checkTFLite(_ bytes: Data) throws {
    guard bytes.count >= 8, bytes[bytes.startIndex + 4..<bytes.startIndex + 8].elementsEqual("TFL3".utf8)
    else {
      throw RegistryError.invalidModel(
        "the model file is not a TensorFlow Lite flatbuffer (bytes 4–7 must be \"TFL3\"); give the .tflite that"
          + " edgehybrid quantize wrote")
    }
  }

  private static func checkThresholds(_ thresholds: ThresholdsResponse) throws {
    let values = [thresholds.lowThreshold, thresholds.highThreshold, thresholds.mu, thresholds.sigma]
    guard values.allSatisfy(\.isFinite), thresholds.lowThreshold <= thresholds.highThreshold,
      thresholds.sigma >= 0
    else {
      throw RegistryError.invalidModel(
        "thresholds must be finite with low ≤ high and σ ≥ 0, got low \(thresholds.lowThreshold),"
          + " high \(thresholds.highThreshold), σ \(thresholds.sigma)")
    }
  }
}
