import EdgeCore
import Foundation

/// Times autoencoder training on given data, for `edgehybrid bench train` and for comparing with Keras.
public enum TrainingBenchmark {
  /// Timing and outcome of one benchmark run.
  public struct Result: Sendable {
    /// The trained model (for quality measurements such as ROC AUC).
    public var model: Autoencoder
    /// Layer widths trained.
    public var layerSizes: [Int]
    /// Trainable values.
    public var parameterCount: Int
    /// Training windows.
    public var windows: Int
    /// Epochs run.
    public var epochs: Int
    /// Wall-clock seconds of training (validation passes included, standardization excluded), as Keras's `fit`.
    public var totalSeconds: Double
    /// `totalSeconds / epochs`.
    public var secondsPerEpoch: Double
    /// Processor seconds the process used for the whole call (all threads, standardization included); with
    /// other load on the machine this is steadier than wall-clock time.
    public var cpuSeconds: Double
    /// Last epoch's training loss.
    public var finalTrainLoss: Double
    /// Last epoch's validation loss, if a validation set was given.
    public var finalValidationLoss: Double?
  }

  /// Trains `preset` on `training` (validating on `validation`) for exactly `epochs` epochs and reports
  /// the time taken; the defaults are the Keras reference's settings (batch 32, Adam 1e-3, seed 7).
  public static func run(
    preset: ModelPreset, training: Matrix, validation: Matrix?, frontEnd: FrontEndSpec, epochs: Int = 100,
    batchSize: Int = 32, seed: UInt64 = 7, threads: Int = 2
  ) -> Result {
    let config = TrainingConfig(epochs: epochs, batchSize: batchSize, seed: seed, threads: threads)
    let cpuBefore = ProcessUsage.current().processorSeconds
    let model = Autoencoder.train(
      features: training, validation: validation, frontEnd: frontEnd, preset: preset, config: config)
    let cpu = ProcessUsage.current().processorSeconds - cpuBefore
    let summary = model.metadata.training!
    return Result(
      model: model, layerSizes: model.network.layerSizes, parameterCount: model.network.parameterCount,
      windows: training.rows, epochs: summary.epochs, totalSeconds: summary.seconds,
      secondsPerEpoch: summary.seconds / Double(max(summary.epochs, 1)), cpuSeconds: cpu,
      finalTrainLoss: summary.trainLoss ?? .nan, finalValidationLoss: summary.validationLoss)
  }

}
