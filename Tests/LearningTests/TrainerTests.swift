import Testing

@testable import Learning

/// Training behaviour: it learns, it is reproducible bit for bit, and early stopping keeps the best epoch.
@Suite struct TrainerTests {
  static let windows = sineWindows(count: 120, samples: 8, axes: 3, seed: 21)
  static let validation = sineWindows(count: 40, samples: 8, axes: 3, seed: 22)

  static func train(
    _ config: TrainingConfig, seed: UInt64 = 23, validation: Matrix? = TrainerTests.validation
  ) -> TrainingResult {
    Trainer(config: config).train(
      DenseNetwork(layerSizes: [24, 12, 6, 12, 24], seed: seed), on: TrainingData(inputs: windows),
      validation: validation.map { TrainingData(inputs: $0) })
  }

  @Test func trainingLowersTheLoss() {
    let result = Self.train(TrainingConfig(epochs: 30, batchSize: 16))
    let first = result.history.first!
    let last = result.history.last!
    #expect(last.trainLoss < 0.5 * first.trainLoss)
    #expect(last.validationLoss! < 0.5 * first.validationLoss!)
    #expect(result.history.map(\.epoch) == Array(1...30))
  }

  @Test func sameSeedGivesBitIdenticalWeightsAndThreadCountDoesNotMatter() {
    let config = TrainingConfig(epochs: 5, batchSize: 9, threads: 2)
    let first = Self.train(config)
    let second = Self.train(config)
    var oneThread = config
    oneThread.threads = 1
    let third = Self.train(oneThread)
    #expect(first.network == second.network)
    #expect(first.network == third.network)
    #expect(first.history.map(\.trainLoss) == third.history.map(\.trainLoss))
    #expect(first.history.map(\.validationLoss) == third.history.map(\.validationLoss))
  }

  @Test func differentSeedsGiveDifferentWeights() {
    var other = TrainingConfig(epochs: 2, batchSize: 9)
    other.seed = 99
    #expect(Self.train(TrainingConfig(epochs: 2, batchSize: 9)).network != Self.train(other).network)
    #expect(
      Self.train(TrainingConfig(epochs: 2, batchSize: 9), seed: 1).network
        != Self.train(TrainingConfig(epochs: 2, batchSize: 9), seed: 2).network)
  }

  @Test func earlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch() {
    // With a min delta no later epoch can beat, epoch 1 stays best and training stops after `patience` more.
    let stopping = EarlyStopping(patience: 3, minDelta: 1e9)
    let result = Self.train(TrainingConfig(epochs: 50, batchSize: 16, earlyStopping: stopping))
    #expect(result.stoppedEarly)
    #expect(result.history.count == 4)
    #expect(result.bestEpoch == 1)
    let restored = TrainingSession(network: result.network, optimizer: Adam(), batchSize: 16, threads: 2)
    let loss = TrainingData(inputs: Self.validation).withPointers { restored.meanSquaredError($0) }
    #expect(loss == result.history[0].validationLoss)
    #expect(loss != result.history[3].validationLoss)

    var keepLast = stopping
    keepLast.restoreBestWeights = false
    let unrestored = Self.train(TrainingConfig(epochs: 50, batchSize: 16, earlyStopping: keepLast))
    #expect(unrestored.history.count == 4)
    #expect(unrestored.network != result.network)
  }

  @Test func earlyStoppingWithoutValidationWatchesTheTrainingLoss() {
    let result = Self.train(
      TrainingConfig(epochs: 20, batchSize: 16, earlyStopping: EarlyStopping(patience: 2, minDelta: 1e9)),
      validation: nil)
    #expect(result.history.count == 3)
    #expect(result.history.allSatisfy { $0.validationLoss == nil })
  }

  @Test func progressCallbackSeesEveryEpochInOrder() {
    var seen: [Int] = []
    _ = Trainer(config: TrainingConfig(epochs: 3, batchSize: 50)).train(
      DenseNetwork(layerSizes: [24, 4, 24], seed: 1), on: TrainingData(inputs: Self.windows)
    ) { report in
      seen.append(report.epoch)
      #expect(report.totalEpochs == 3 && report.seconds >= 0 && report.trainLoss.isFinite)
    }
    #expect(seen == [1, 2, 3])
  }
}
