import ArgumentParser
import EdgeCore
import Foundation
import Learning
import Vibration

/// `edgehybrid bench train`: training speed and quality of both presets, against Keras on the same data.
struct BenchTrainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Time edge and cloud training on a fixed simulator set, against Keras on the same windows.",
    discussion: """
      Simulates a seeded data set (5,000 normal training windows, 1,000 validation, 2,000 + 2,000 \
      test), trains both presets for a fixed number of epochs (batch 32, Adam 1e-3, validation each \
      epoch, as the lesson's Keras script), and reports seconds per epoch, total seconds, peak memory \
      and test ROC AUC. With Keras available (python3 with tensorflow), the same windows and schedule \
      run through scripts/keras_train_baseline.py in the same run and the ratios are reported.

      Examples:
        edgehybrid bench train
        edgehybrid bench train --epochs 20 --no-keras
      """
  )

  @Option(help: "Epochs for every trainer (the lesson: 100).")
  var epochs = 100

  @Option(help: "Data set seed.")
  var seed: UInt64 = 1234

  @Option(help: "Normal training windows.")
  var windows = 5000

  @Flag(inversion: .prefixedNo, help: "Also train with Keras on the same data and report ratios.")
  var keras = true

  /// One trainer's figures.
  struct Run: Codable {
    var trainer: String
    var layers: [Int]
    var parameters: Int
    var epochs: Int
    var fitSeconds: Double
    var secondsPerEpoch: Double
    var testRocAuc: Double
    var peakRssBytes: Int?
  }

  /// Swift against Keras for one preset.
  struct Comparison: Codable {
    var swift: Run
    var keras: Run?
    var kerasSkipped: String?
    var speedup: Double?
    var aucDifference: Double?
  }

  /// The printed object.
  struct Report: Codable {
    var benchmark = "train"
    var trainWindows: Int
    var validationWindows: Int
    var testWindows: Int
    var epochs: Int
    var batchSize = 32
    var threads = 2
    var swiftPeakRssBytes: Int
    var edge: Comparison
    var cloud: Comparison
  }

  func run() async throws {
    let spec = SimulatedDatasetSpec(seed: seed, trainCount: windows, marginalCount: 0)
    let data = SimulatedDataset(spec: spec)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "edgehybrid-bench-train-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try data.write(to: directory, formats: [.npy])

    let frontEnd = FrontEndSpec(kind: .raw, layout: SignalLayout(spec.format))
    let train = DatasetFiles.matrix(data.train)
    let validation = DatasetFiles.matrix(data.validation)
    let test = DatasetFiles.matrix(data.test)
    let labels = (data.test.labels ?? []).map { $0 != 0 }

    var comparisons: [Comparison] = []
    for preset in [ModelPreset.edge, .cloud] {
      log("training \(preset.name) in Swift for \(epochs) epochs")
      let result = TrainingBenchmark.run(
        preset: preset, training: frontEnd.features(ofWindows: train),
        validation: frontEnd.features(ofWindows: validation), frontEnd: frontEnd, epochs: epochs)
      let auc = try RankingMetrics(scores: result.model.reconstructionErrors(windows: test), labels: labels).rocAUC
      let swift = Run(
        trainer: "edgehybrid (Swift)", layers: result.layerSizes, parameters: result.parameterCount,
        epochs: result.epochs, fitSeconds: result.totalSeconds, secondsPerEpoch: result.secondsPerEpoch,
        testRocAuc: auc, peakRssBytes: nil)
      comparisons.append(kerasComparison(swift: swift, preset: preset, data: directory))
    }
    let report = Report(
      trainWindows: data.train.count, validationWindows: data.validation.count, testWindows: data.test.count,
      epochs: epochs, swiftPeakRssBytes: ProcessUsage.current().peakResidentBytes, edge: comparisons[0], cloud: comparisons[1])
    print(try JSONOutput.string(report))
  }

  private func kerasComparison(swift: Run, preset: ModelPreset, data: URL) -> Comparison {
    guard keras else { return Comparison(swift: swift, kerasSkipped: "--no-keras") }
    log("training \(preset.name) in Keras for \(epochs) epochs")
    do {
      let output = try RepositoryScripts.runPython(
        "keras_train_baseline.py",
        arguments: [
          "--data", data.path, "--hidden", preset.hiddenSizes.map(String.init).joined(separator: ","),
          "--epochs", String(epochs),
        ])
      let decoder = JSONDecoder()
      decoder.keyDecodingStrategy = .convertFromSnakeCase
      let keras = try decoder.decode(Run.self, from: Data(output.utf8))
      return Comparison(
        swift: swift, keras: keras, speedup: keras.fitSeconds / swift.fitSeconds,
        aucDifference: swift.testRocAuc - keras.testRocAuc)
    } catch {
      return Comparison(swift: swift, kerasSkipped: "\(error)")
    }
  }

  private func log(_ message: String) {
    FileHandle.standardError.write(Data("bench train: \(message)\n".utf8))
  }
}
