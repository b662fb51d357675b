/// What one epoch of training achieved, for progress lines and histories.
public struct EpochReport: Equatable, Sendable {
  /// The epoch just finished, from 1.
  public var epoch: Int
  /// The number of epochs planned (early stopping may end sooner).
  public var totalEpochs: Int
  /// Mean squared error over the epoch's minibatches, each measured before its update (as Keras reports it).
  public var trainLoss: Double
  /// Mean squared error on the validation set after the epoch, if there is one.
  public var validationLoss: Double?
  /// Wall-clock seconds the epoch took, validation included.
  public var seconds: Double
}

/// A trained network and how training went.
public struct TrainingResult: Sendable {
  /// The trained network (the best epoch's weights when early stopping restores them).
  public var network: DenseNetwork
  /// One report per epoch run.
  public var history: [EpochReport]
  /// The epoch (from 1) with the lowest monitored loss: validation loss if given, else training loss.
  public var bestEpoch: Int
  /// Whether early stopping ended training before `epochs`.
  public var stoppedEarly: Bool
  /// Wall-clock seconds of the whole run.
  public var seconds: Double
}
