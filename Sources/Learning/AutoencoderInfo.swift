import Foundation

/// Facts about a trained model that travel with it: where it came from and how training went.
public struct AutoencoderInfo: Equatable, Sendable {
  /// The preset name (`edge`, `cloud`, or a custom name).
  public var preset: String
  /// When the model was made (stored to the second).
  public var created: Date
  /// How training went, when the model was trained here.
  public var training: TrainingSummary?

  /// Metadata for a model made now unless `created` says otherwise.
  public init(preset: String, created: Date = Date(), training: TrainingSummary? = nil) {
    self.preset = preset
    self.created = created
    self.training = training
  }
}

/// A short record of a training run, stored in the model file as JSON.
public struct TrainingSummary: Codable, Equatable, Sendable {
  /// Epochs actually run.
  public var epochs: Int
  /// Epochs planned.
  public var plannedEpochs: Int
  /// Epoch (from 1) with the best monitored loss.
  public var bestEpoch: Int
  /// Whether early stopping ended the run.
  public var stoppedEarly: Bool
  /// Training loss (standardized-space MSE) of the last epoch, if any epoch ran.
  public var trainLoss: Double?
  /// Validation loss of the last epoch, when there was a validation set.
  public var validationLoss: Double?
  /// Validation loss of the best epoch, when there was a validation set.
  public var bestValidationLoss: Double?
  /// Training windows.
  public var trainingWindows: Int
  /// Validation windows (0 without a validation set).
  public var validationWindows: Int
  /// Minibatch size.
  public var batchSize: Int
  /// Adam step size.
  public var learningRate: Float
  /// Seed of initialization and shuffling.
  public var seed: UInt64
  /// Wall-clock seconds of training.
  public var seconds: Double

  /// A summary of `result`, trained with `config` on the given numbers of windows.
  public init(result: TrainingResult, config: TrainingConfig, trainingWindows: Int, validationWindows: Int) {
    epochs = result.history.count
    plannedEpochs = config.epochs
    bestEpoch = result.bestEpoch
    stoppedEarly = result.stoppedEarly
    trainLoss = result.history.last?.trainLoss
    validationLoss = result.history.last?.validationLoss
    bestValidationLoss = result.bestEpoch > 0 ? result.history[result.bestEpoch - 1].validationLoss : nil
    self.trainingWindows = trainingWindows
    self.validationWindows = validationWindows
    batchSize = config.batchSize
    learningRate = config.learningRate
    seed = config.seed
    seconds = result.seconds
  }
}
