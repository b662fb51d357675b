import EdgeCore
import Foundation
import Learning
import Wire

@testable import CloudServer

/// Models for server tests: a small real cloud autoencoder trained once per test run, and edge model bytes.
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

  /// A tiny cloud autoencoder (300-16-8-16-300) trained on seeded synthetic vibration, with its card.
  struct TrainedCloudModel: Sendable {
    let model: Autoencoder
    let card: CloudModelCard
  }

  /// Trained once, on first use.
  static let cloud: TrainedCloudModel = {
    let train = TestWindows.windows(count: 400, faulty: false, seed: 100)
    let model = Autoencoder.train(
      features: Matrix(rowArrays: train), frontEnd: FrontEndSpec(kind: .raw),
      preset: ModelPreset(name: "test-cloud", hiddenSizes: [16, 8, 16]),
      config: TrainingConfig(epochs: 30, batchSize: 32, seed: 7, threads: 1))
    let normals = TestWindows.windows(count: 100, faulty: false, seed: 200)
    let faults = TestWindows.windows(count: 100, faulty: true, seed: 300)
    let validation = normals + faults
    let card = try! CloudModelCard(
      fittingTrainMSE: model.reconstructionErrors(windows: Matrix(rowArrays: train)),
      validationMSE: model.reconstructionErrors(windows: Matrix(rowArrays: validation)).map(Double.init),
      validationLabels: Array(repeating: 0, count: normals.count) + Array(repeating: 1, count: faults.count))
    return TrainedCloudModel(model: model, card: card)
  }()

  /// Registers the trained cloud model and makes it current.
  static func registerCloudModel(in registry: ModelRegistry) async throws {
    try await registry.addCloudModel(
      card: cloud.card, weights: cloud.model.encoded(), fileExtension: "safetensors", makeCurrent: true)
  }

  /// Loads the scorer of a registered cloud model, as `edgehybrid serve` does.
  static let loadScorer: ServerConfiguration.ScorerLoader = AutoencoderScorer.load
}
