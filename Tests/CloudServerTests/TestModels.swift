import Foundation
import Learning
import Wire

@testable import CloudServer

/// Models for server tests.
enum TestModels {
  /// Bytes that pass the registry's TFLite identifier check; the server only stores and serves them.
  static func fakeTFLite(size: Int) -> Data {
    var bytes = [UInt8](repeating: 0, count: size)
    bytes.replaceSubrange(4..<8, with: Array("TFL3".utf8))
    for index in 8..<size { bytes[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7) }
    return Data(bytes)
  }

  /// Thresholds of a test edge model.
  static func thresholds(version: Int) -> ThresholdsResponse {
    ThresholdsResponse(
      version: version, lowThreshold: 0.14, highThreshold: 0.17, mu: 0.1, sigma: 0.018, kLow: 2, kHigh: 4)
  }

  /// Route-test double (not a model): the "reconstruction error" is the mean squared feature value.
  struct SquaresScorer: CloudScorer {
    let inputCount = 300

    func reconstructionErrors(_ windows: [[Float]]) -> [Double] {
      windows.map { window in window.reduce(0) { $0 + Double($1) * Double($1) } / Double(window.count) }
    }
  }

  /// Registers the cloud model used by route tests and makes it current.
  static func registerCloudModel(in registry: ModelRegistry) async throws {
    let card = CloudModelCard(
      version: 0, modelFile: "", trainMu: 0.05, trainSigma: 0.01, k: 3,
      calibration: PlattCalibration(slope: 3, intercept: 6),
      validation: CalibrationSummary(normals: 10, anomalies: 10, brierScore: 0.1, accuracy: 0.9),
      created: WireTimestamp(millisecondsSince1970: 0))
    try await registry.addCloudModel(
      card: card, weights: Data("squares".utf8), fileExtension: "bin", makeCurrent: true)
  }

  /// Loads the scorer of a registered cloud model.
  static let loadScorer: ServerConfiguration.ScorerLoader = { _, _ in SquaresScorer() }
}
