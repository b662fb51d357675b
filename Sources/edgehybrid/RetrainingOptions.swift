import ArgumentParser
import CloudServer
import EdgeCore
import Foundation
import Learning

/// What a retraining learns from and how it is gated, shared by `edgehybrid retrain` and `edgehybrid serve`.
struct RetrainingOptions: ParsableArguments {
  @Option(help: "The original normal training windows (CSV or NPY); retraining adds escalations to them.")
  var trainingWindows: String?

  @Option(help: "Labelled validation windows (normal and faulty) the gate also measures on.")
  var validationWindows: String?

  @OptionGroup var layout: WindowLayoutOptions

  @Option(help: "Cloud confidence at or above which an escalation judged normal is trained on.")
  var minimumConfidence = 0.9

  @Flag(help: "Train a fresh network instead of continuing from the current model's weights.")
  var fromScratch = false

  @Option(help: "Maximum passes over the training data.")
  var retrainEpochs = 60

  @Option(help: "Stop after this many epochs without validation improvement (0: never).")
  var retrainPatience = 8

  @Option(help: "Seed of the hold-out split, initialization and shuffling.")
  var retrainSeed: UInt64 = 7

  @Option(help: "Share of normal windows held back for validation and the gate.")
  var holdOut = 0.2

  @Option(help: "Largest ROC AUC drop against the current model the gate allows.")
  var aucTolerance = 0.01

  @Option(help: "Largest edge-accuracy drop against the current model the gate allows.")
  var accuracyTolerance = 0.02

  @Option(help: "Training threads (1 leaves a core for requests).")
  var retrainThreads = 1

  func validate() throws {
    guard (0..<1).contains(holdOut) else { throw ValidationError("--hold-out must be in [0, 1).") }
    guard (0...1).contains(minimumConfidence) else {
      throw ValidationError("--minimum-confidence must be in [0, 1].")
    }
    guard retrainEpochs > 0, retrainPatience >= 0, (1...2).contains(retrainThreads) else {
      throw ValidationError(
        "--retrain-epochs must be positive, --retrain-patience ≥ 0, --retrain-threads 1 or 2.")
    }
  }

  /// The base data, or nil when no training windows were given.
  func baseData() throws -> RetrainingBaseData? {
    guard let trainingWindows else { return nil }
    let normal = DatasetFiles.matrix(try DatasetFiles.read(trainingWindows, format: layout.format))
    guard let validationWindows else { return RetrainingBaseData(normalWindows: normal) }
    let (windows, labels) = try DatasetFiles.readLabelled(validationWindows, format: layout.format)
    return RetrainingBaseData(
      normalWindows: normal, validationWindows: windows, validationLabels: labels.map { $0 ? 1 : 0 })
  }

  /// The training and gate settings.
  func configuration(thresholdRule: ThresholdRule) -> RetrainingConfiguration {
    RetrainingConfiguration(
      minimumCloudConfidence: minimumConfidence, warmStart: !fromScratch,
      training: TrainingConfig(
        epochs: retrainEpochs, batchSize: 32, seed: retrainSeed,
        earlyStopping: retrainPatience > 0 ? EarlyStopping(patience: retrainPatience) : nil,
        threads: retrainThreads),
      frontEnd: FrontEndSpec(kind: .raw, layout: layout.layout), thresholdRule: thresholdRule,
      holdOutFraction: holdOut,
      gate: GatePolicy(rocAUCTolerance: aucTolerance, accuracyTolerance: accuracyTolerance))
  }
}
