import EdgeCore
import Foundation
import Learning
import Wire

extension ModelRegistry {
  /// Registers a threshold-only update of edge model `base` (default: the current one) as a new candidate
  /// version: the same int8 weights, `low = μ + kLow·σ` and `high = μ + kHigh·σ` of its training MSE.
  @discardableResult
  public func addThresholdVersion(
    kLow: Double, kHigh: Double, base baseVersion: Int? = nil, reason: String? = nil,
    at time: WireTimestamp = .now()
  ) async throws -> EdgeModelRecord {
    let snapshot = try await snapshot()
    guard let base = baseVersion.map(snapshot.edgeModel(version:)) ?? snapshot.currentEdge else {
      if let baseVersion {
        throw RegistryError.unknownEdgeVersion(baseVersion, known: snapshot.edgeModels.map(\.version))
      }
      throw RegistryError.invalidModel(
        "no edge model is current: name the version whose thresholds to change")
    }
    guard kLow.isFinite, kHigh.isFinite, kLow <= kHigh else {
      throw RegistryError.invalidModel("k_low \(kLow) and k_high \(kHigh) must be finite with k_low ≤ k_high")
    }
    let version = snapshot.nextEdgeVersion
    let old = base.thresholds
    let thresholds = ThresholdsResponse(
      version: version, lowThreshold: old.mu + kLow * old.sigma, highThreshold: old.mu + kHigh * old.sigma,
      mu: old.mu, sigma: old.sigma, kLow: kLow, kHigh: kHigh)
    let bytes: [UInt8]
    do {
      bytes = try EdgeModelBuilder.rethreshold(
        [UInt8](try edgeModelBytes(base)), version: UInt32(version),
        thresholds: try ModelMetadata.Thresholds(
          low: Float(thresholds.lowThreshold), high: Float(thresholds.highThreshold), mu: Float(old.mu),
          sigma: Float(old.sigma), kLow: Float(kLow), kHigh: Float(kHigh), method: .meanPlusKSigma))
    } catch {
      throw RegistryError.invalidModel(
        "cannot rewrite the thresholds of edge model v\(base.version): \(error)")
    }
    let tflite = Data(bytes)
    if let floatModel = try files.edgeFloatModel(sha256: base.sha256) {
      try files.storeEdgeFloatModel(floatModel, sha256: ModelFiles.sha256(tflite))
    }
    let update = ThresholdUpdate(baseVersion: base.version, kLow: kLow, kHigh: kHigh, thresholds: thresholds)
    return try await addEdgeModel(
      tflite: tflite, thresholds: thresholds, selfTest: base.selfTest,
      selfTestTolerance: base.selfTestTolerance,
      trainingStats: try update.json(),
      reason: reason ?? "threshold-only update of v\(base.version): k_low \(kLow), k_high \(kHigh)", at: time)
  }
}

/// The training statistics of a threshold-only version: which model it re-thresholds and how.
struct ThresholdUpdate: Codable {
  /// The version whose weights it keeps.
  var baseVersion: Int
  /// New low multiplier.
  var kLow: Double
  /// New high multiplier.
  var kHigh: Double
  /// The resulting thresholds.
  var thresholds: ThresholdsResponse

  enum CodingKeys: String, CodingKey {
    case thresholds
    case baseVersion = "threshold_update_of"
    case kLow = "k_low"
    case kHigh = "k_high"
  }

  /// Compact JSON.
  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
