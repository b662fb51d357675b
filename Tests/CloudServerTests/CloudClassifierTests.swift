import Foundation
import Learning
import Testing
import Wire

@testable import CloudServer

@Suite("Cloud decision and confidence")
struct CloudClassifierTests {
  @Test("the threshold is μ + 3σ of the cloud model's training MSE and decides the verdict")
  func thresholdFromTrainingErrors() throws {
    let cloud = TestModels.cloud
    let train = TestWindows.windows(count: 400, faulty: false, seed: 100)
    let errors = cloud.model.reconstructionErrors(windows: Matrix(rowArrays: train)).map(Double.init)
    let mu = errors.reduce(0, +) / Double(errors.count)
    let sigma = (errors.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(errors.count)).squareRoot()
    #expect(abs(cloud.card.threshold - (mu + 3 * sigma)) < 1e-9)
    let classifier = CloudClassifier(scorer: AutoencoderScorer(model: cloud.model), card: cloud.card)
    #expect(classifier.verdict(mse: cloud.card.threshold * 1.01).classification == 1)
    #expect(classifier.verdict(mse: cloud.card.threshold * 0.99).classification == 0)
  }

  @Test("verdicts on held-out windows are right and the reliability table shows it")
  func reliabilityOnHeldOutWindows() throws {
    let cloud = TestModels.cloud
    let classifier = CloudClassifier(scorer: AutoencoderScorer(model: cloud.model), card: cloud.card)
    let windows =
      TestWindows.windows(count: 100, faulty: false, seed: 400)
      + TestWindows.windows(count: 100, faulty: true, seed: 500)
    let labels = Array(repeating: 0, count: 100) + Array(repeating: 1, count: 100)
    let verdicts = classifier.classify(windows)
    let accuracy = Double(zip(verdicts, labels).filter { $0.classification == $1 }.count) / 200
    #expect(accuracy >= 0.95)
    let table = try classifier.reliability(windows: windows, labels: labels, binCount: 5)
    #expect(table.bins.map(\.count).reduce(0, +) == 200)
    #expect(table.bins.last?.count ?? 0 >= 150, "most verdicts on clearly separated data are confident")
    #expect(table.expectedCalibrationError < 0.1)
  }

  @Test("the card records the validation set it was fitted on")
  func cardSummary() {
    let card = TestModels.cloud.card
    #expect(card.validation.normals == 100)
    #expect(card.validation.anomalies == 100)
    #expect(card.validation.brierScore < 0.1)
    #expect(card.k == 3)
  }

  @Test("a one-class validation set cannot calibrate")
  func oneClassValidation() {
    #expect(throws: CalibrationError.needsBothClasses(normals: 3, anomalies: 0)) {
      try CloudModelCard(
        fittingTrainMSE: [0.1, 0.2], validationMSE: [0.1, 0.1, 0.2], validationLabels: [0, 0, 0])
    }
  }
}

@Suite("Single-window cloud scoring")
struct SingleWindowScoringTests {
  @Test("one window scores the same bits as the batch path, also from many tasks at once")
  func singleWindowEqualsBatch() async {
    let cloud = TestModels.cloud
    let scorer = AutoencoderScorer(model: cloud.model)
    let classifier = CloudClassifier(scorer: scorer, card: cloud.card)
    let windows =
      TestWindows.windows(count: 60, faulty: false, seed: 700)
      + TestWindows.windows(count: 60, faulty: true, seed: 800)
    let batch = classifier.classify(windows)
    let singles = await withTaskGroup(of: (Int, CloudVerdict).self) { group in
      for (index, window) in windows.enumerated() {
        group.addTask { (index, classifier.classify(window)) }
      }
      var verdicts = [CloudVerdict?](repeating: nil, count: windows.count)
      for await (index, verdict) in group { verdicts[index] = verdict }
      return verdicts
    }
    for (index, verdict) in singles.enumerated() {
      #expect(verdict?.cloudMSE.bitPattern == batch[index].cloudMSE.bitPattern, "window \(index)")
      #expect(verdict == batch[index], "window \(index)")
    }
  }
}
