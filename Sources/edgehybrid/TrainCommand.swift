import ArgumentParser
import EdgeCore
import Foundation
import Learning

/// `edgehybrid train`: fits an edge or cloud autoencoder on normal windows and its thresholds.
struct TrainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an edge or cloud autoencoder on normal windows (CSV or NPY) and fit its thresholds.",
    discussion: """
      The model learns to reconstruct normal windows; its reconstruction error (MSE, in standardized \
      units) is the anomaly score. Inputs are standardized with statistics fitted on the training \
      data, saved in the model. Thresholds low = μ + k_low·σ and high = μ + k_high·σ of the training \
      MSE (or quantiles) go to <out>.thresholds.json beside the model (safetensors).

      The edge preset (300-16-8-16-300, ~12 KB once int8) is what `edgehybrid quantize` turns into a \
      .tflite; the cloud preset (300-72-36-18-36-72-300, ~200 KB float32) is what the server runs.

      Examples:
        edgehybrid train --data data/sim --preset edge --out models/edge.safetensors
        edgehybrid train --data data/sim --preset cloud --out models/cloud.safetensors
        edgehybrid train --train my_normal.csv --front-end spectral --hidden 32,8,32 --patience 10
        edgehybrid train --train rec_X.npy --sample-rate 1000 --samples 500 --quantiles 0.975,0.999
      """
  )

  @Option(help: "Directory written by `edgehybrid simulate` (uses train and val from it).")
  var data: String?

  @Option(help: "Normal training windows, CSV or NPY (overrides --data).")
  var train: String?

  @Option(help: "Normal validation windows for early stopping and progress (overrides --data).")
  var validation: String?

  @Option(help: "Model size: edge or cloud.")
  var preset = "edge"

  @Option(help: "Hidden layer sizes instead of the preset's, comma-separated (e.g. 16,8,16).")
  var hidden: String?

  @Option(help: "Features the model sees: raw (the lesson) or spectral (log magnitude spectrum per axis).")
  var frontEnd = "raw"

  @OptionGroup var layout: WindowLayoutOptions

  @Option(help: "Maximum passes over the training data.")
  var epochs = 100

  @Option(help: "Windows per gradient step.")
  var batchSize = 32

  @Option(help: "Adam learning rate.")
  var learningRate: Float = 1e-3

  @Option(help: "Stop after this many epochs without validation improvement (0: never).")
  var patience = 0

  @Option(help: "Seed for initialization and shuffling: the same seed gives the same model.")
  var seed: UInt64 = 7

  @Option(help: "Threshold multiplier k_low in low = μ + k_low·σ.")
  var kLow = 2.0

  @Option(help: "Threshold multiplier k_high in high = μ + k_high·σ.")
  var kHigh = 4.0

  @Option(help: "Use quantiles of the training MSE instead of μ + kσ, e.g. 0.975,0.999.")
  var quantiles: String?

  @Option(help: "Where to write the model (safetensors).")
  var out = "models/edge.safetensors"

  func run() async throws {
    guard let kind = FrontEndKind(name: frontEnd) else {
      throw ValidationError("--front-end must be raw or spectral, not '\(frontEnd)'.")
    }
    let preset = try modelPreset()
    let rule = try thresholdRule()
    let (trainPath, validationPath) = try dataPaths()
    let format = layout.format
    let training = DatasetFiles.matrix(try DatasetFiles.read(trainPath, format: format))
    let validationWindows = try validationPath.map { DatasetFiles.matrix(try DatasetFiles.read($0, format: format)) }
    let spec = FrontEndSpec(kind: kind, layout: layout.layout)
    print(
      "training \(preset.name) \(preset.layerSizes(featureCount: spec.featureCount).map(String.init).joined(separator: "-")) "
        + "(\(kind.name) front-end) on \(training.rows) windows"
        + (validationWindows.map { ", validating on \($0.rows)" } ?? ""))

    let progress = EpochProgress(label: preset.name)
    let config = TrainingConfig(
      epochs: epochs, batchSize: batchSize, learningRate: learningRate, seed: seed,
      earlyStopping: patience > 0 ? EarlyStopping(patience: patience) : nil)
    let features = spec.features(ofWindows: training)
    let model = Autoencoder.train(
      features: features, validation: validationWindows.map { spec.features(ofWindows: $0) }, frontEnd: spec,
      preset: preset, config: config, onEpoch: progress.show)
    progress.finish(stoppedEarly: model.metadata.training?.stoppedEarly ?? false)

    let thresholds = try ThresholdsDocument(
      fitting: model.reconstructionErrors(features: features), rule: rule, version: 1)
    let modelURL = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(
      at: modelURL.deletingLastPathComponent(), withIntermediateDirectories: true)
    try model.save(to: modelURL)
    try thresholds.write(to: URL(fileURLWithPath: ModelFiles.thresholdsPath(forModel: out)))
    print(
      "wrote \(out) (\(model.network.parameterCount) parameters) and \(ModelFiles.thresholdsPath(forModel: out)): "
        + String(
          format: "training MSE μ %.5f σ %.5f → low %.5f, high %.5f", thresholds.mu, thresholds.sigma,
          thresholds.lowThreshold, thresholds.highThreshold))
  }

  private func modelPreset() throws -> ModelPreset {
    guard let base = ModelPreset(named: preset) else {
      throw ValidationError("--preset must be edge or cloud, not '\(preset)'.")
    }
    guard let hidden else { return base }
    let sizes = hidden.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !sizes.isEmpty, sizes.count == hidden.split(separator: ",").count, sizes.allSatisfy({ $0 > 0 }) else {
      throw ValidationError("--hidden must be positive layer sizes separated by commas, e.g. 16,8,16.")
    }
    return ModelPreset(name: base.name, hiddenSizes: sizes)
  }

  private func thresholdRule() throws -> ThresholdRule {
    let rule: ThresholdRule
    if let quantiles {
      let values = quantiles.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard values.count == 2 else { throw ValidationError("--quantiles takes two numbers, e.g. 0.975,0.999.") }
      rule = .quantile(low: values[0], high: values[1])
    } else {
      rule = .sigma(kLow: kLow, kHigh: kHigh)
    }
    try rule.validate()
    return rule
  }

  private func dataPaths() throws -> (train: String, validation: String?) {
    if let train { return (train, validation) }
    guard let data else { throw ValidationError("Give --data DIR (from `edgehybrid simulate`) or --train FILE.") }
    return (
      DatasetFiles.file(named: "train", in: data), validation ?? DatasetFiles.file(named: "val", in: data)
    )
  }
}
