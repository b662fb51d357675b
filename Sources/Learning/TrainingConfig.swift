/// How to train: epochs, minibatches, optimizer step size, randomness, early stopping and threads.
public struct TrainingConfig: Equatable, Sendable {
  /// Maximum number of passes over the training data.
  public var epochs: Int
  /// Samples per gradient step (the last batch of an epoch may be smaller).
  public var batchSize: Int
  /// Adam step size (the other Adam settings are Keras's defaults).
  public var learningRate: Float
  /// Seeds the per-epoch shuffles (network initialization has its own seed).
  public var seed: UInt64
  /// Visit the samples in a new random order each epoch.
  public var shuffle: Bool
  /// Stop when the monitored loss stops improving; `nil` trains all epochs.
  public var earlyStopping: EarlyStopping?
  /// 2 computes the two halves of each minibatch on two cores, 1 on one; results are identical.
  public var threads: Int

  /// A configuration; the defaults are the lesson's (100 epochs, batch 32, Adam 1e-3, shuffled).
  public init(
    epochs: Int = 100, batchSize: Int = 32, learningRate: Float = 1e-3, seed: UInt64 = 7,
    shuffle: Bool = true,
    earlyStopping: EarlyStopping? = nil, threads: Int = 2
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.seed = seed
    self.shuffle = shuffle
    self.earlyStopping = earlyStopping
    self.threads = threads
  }
}

/// Early stopping on the validation loss (the training loss when there is no validation set), like Keras.
public struct EarlyStopping: Equatable, Sendable {
  /// Epochs without improvement before training stops.
  public var patience: Int
  /// A loss must drop by more than this to count as an improvement.
  public var minDelta: Double
  /// At the end, put back the weights of the epoch with the best monitored loss.
  public var restoreBestWeights: Bool

  /// Stop after `patience` epochs without an improvement larger than `minDelta`.
  public init(patience: Int, minDelta: Double = 0, restoreBestWeights: Bool = true) {
    precondition(patience >= 1, "Early-stopping patience must be at least 1 epoch, got \(patience)")
    self.patience = patience
    self.minDelta = minDelta
    self.restoreBestWeights = restoreBestWeights
  }
}
