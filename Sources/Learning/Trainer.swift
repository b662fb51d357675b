import EdgeCore

/// Trains a `DenseNetwork` on mean squared error with Adam, shuffled minibatches and optional early
/// stopping, on two cores, with results fixed by the network, the data and `config.seed`.
public struct Trainer: Sendable {
  /// The training settings.
  public var config: TrainingConfig

  /// A trainer with the given settings.
  public init(config: TrainingConfig = TrainingConfig()) {
    self.config = config
  }

  /// Trains `network` on `data`, measuring `validation` after each epoch, and calls `onEpoch` (on the
  /// calling thread) after every epoch so that a caller can draw progress.
  public func train(
    _ network: DenseNetwork, on data: TrainingData, validation: TrainingData? = nil,
    onEpoch: (EpochReport) -> Void = { _ in }
  ) -> TrainingResult {
    for set in [data] + (validation.map { [$0] } ?? []) {
      precondition(
        set.inputs.cols == network.inputCount,
        "Network takes \(network.inputCount) features per row, data has \(set.inputs.cols)")
      precondition(
        set.targetWidth == network.outputCount,
        "Network produces \(network.outputCount) values per row, targets have \(set.targetWidth)")
    }
    precondition(data.count > 0, "Training needs at least one sample")
    precondition(validation.map { $0.count > 0 } ?? true, "A validation set needs at least one sample")
    precondition(config.epochs >= 0, "Epoch count must not be negative, got \(config.epochs)")
    let session = TrainingSession(
      network: network, optimizer: Adam(learningRate: config.learningRate), batchSize: config.batchSize,
      threads: config.threads)
    let clock = ContinuousClock()
    let started = clock.now
    var generator = SplitMix64(seed: config.seed ^ Self.shuffleSalt)
    var history: [EpochReport] = []
    var best = (loss: Double.infinity, epoch: 0, parameters: session.snapshot())
    var epochsWithoutImprovement = 0
    var stoppedEarly = false

    data.withPointers { rows in
      for epoch in stride(from: 1, through: config.epochs, by: 1) {
        let epochStarted = clock.now
        let order = config.shuffle ? generator.permutation(of: data.count) : Array(0..<data.count)
        var sumOfSquares = 0.0
        for start in stride(from: 0, to: data.count, by: config.batchSize) {
          sumOfSquares += session.trainBatch(
            order[start..<min(start + config.batchSize, data.count)], of: rows)
        }
        let trainLoss = sumOfSquares / Double(data.count * data.targetWidth)
        let validationLoss = validation?.withPointers { session.meanSquaredError($0) }
        let report = EpochReport(
          epoch: epoch, totalEpochs: config.epochs, trainLoss: trainLoss, validationLoss: validationLoss,
          seconds: (clock.now - epochStarted).seconds)
        history.append(report)
        onEpoch(report)

        let monitored = validationLoss ?? trainLoss
        if monitored < best.loss - (config.earlyStopping?.minDelta ?? 0) {
          best = (
            monitored, epoch, config.earlyStopping?.restoreBestWeights == true ? session.snapshot() : []
          )
          epochsWithoutImprovement = 0
        } else {
          epochsWithoutImprovement += 1
        }
        if let stopping = config.earlyStopping, epochsWithoutImprovement >= stopping.patience {
          stoppedEarly = true
          break
        }
      }
    }
    if config.earlyStopping?.restoreBestWeights == true, best.epoch > 0, best.epoch != history.count {
      session.restore(best.parameters)
    }
    return TrainingResult(
      network: session.network, history: history, bestEpoch: best.epoch, stoppedEarly: stoppedEarly,
      seconds: (clock.now - started).seconds)
  }

  /// Mixed into `config.seed` for the shuffle stream so that it differs from a network initialized with the
  /// same seed.
  static let shuffleSalt: UInt64 = 0x5851_F42D_4C95_7F2D
}

extension Duration {
  /// The duration in seconds as a `Double`.
  var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }
}
