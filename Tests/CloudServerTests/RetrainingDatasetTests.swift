import Learning
import Testing
import Wire

@testable import CloudServer

@Suite("Retraining dataset")
struct RetrainingDatasetTests {
  private static let base = RetrainingBaseData(
    normalWindows: Matrix(rowArrays: TestWindows.windows(count: 50, faulty: false, seed: 40)))

  private func escalation(
    _ id: Int64, _ window: [Float], cloud: Int, confidence: Double, operatorLabel: Int? = nil
  )
    -> StoredEscalation
  {
    StoredEscalation(
      id: id, deviceID: "motor-01", escalationID: nil, receivedAt: .now(), features: window, edgeMSE: 0.3,
      edgeModelVersion: 1, cloudMSE: 0.1, classification: cloud, confidence: confidence,
      cloudModel: "cloud-1",
      operatorLabel: operatorLabel)
  }

  private func rows(_ matrix: Matrix) -> [[Float]] {
    (0..<matrix.rows).map { Array(matrix.values[$0 * matrix.cols..<($0 + 1) * matrix.cols]) }
  }

  @Test("anomalies never enter the training set; they all go to validation labelled anomalous")
  func anomaliesStayOut() {
    let faulty = TestWindows.windows(count: 30, faulty: true, seed: 41)
    let normal = TestWindows.windows(count: 30, faulty: false, seed: 42)
    let escalations =
      faulty.enumerated().map { escalation(Int64($0.offset), $0.element, cloud: 1, confidence: 0.6) }
      + normal.enumerated().map { escalation(Int64(100 + $0.offset), $0.element, cloud: 0, confidence: 0.99) }
    let dataset = RetrainingDataset(
      base: Self.base, escalations: escalations, minimumCloudConfidence: 0.9, holdOutFraction: 0.2, seed: 1)
    let training = Set(rows(dataset.training))
    #expect(faulty.allSatisfy { !training.contains($0) })
    let validation = rows(dataset.validation)
    for window in faulty {
      let index = try! #require(validation.firstIndex(of: window))
      #expect(dataset.validationLabels[index])
    }
    #expect(dataset.counts.anomalousEscalations == 30)
    #expect(dataset.training.rows == dataset.counts.baseTraining + dataset.counts.normalEscalations)
    #expect(dataset.consumedIDs.count == 60)
  }

  @Test("an operator's label overrides the cloud's verdict and its confidence bar")
  func operatorOverrides() {
    let windows = TestWindows.windows(count: 3, faulty: false, seed: 43)
    let escalations = [
      escalation(1, windows[0], cloud: 1, confidence: 0.99, operatorLabel: 0),
      escalation(2, windows[1], cloud: 0, confidence: 0.99, operatorLabel: 1),
      escalation(3, windows[2], cloud: 0, confidence: 0.2, operatorLabel: 0),
    ]
    let dataset = RetrainingDataset(
      base: Self.base, escalations: escalations, minimumCloudConfidence: 0.9, holdOutFraction: 0, seed: 1)
    let training = rows(dataset.training)
    #expect(training.contains(windows[0]))
    #expect(training.contains(windows[2]))
    #expect(!training.contains(windows[1]))
    #expect(dataset.validationLabels == [true])
    #expect(dataset.counts.operatorLabelled == 3)
    #expect(dataset.counts.uncertainEscalations == 0)
  }

  @Test("cloud normals below the confidence bar are left out of training and validation")
  func uncertainLeftOut() {
    let window = TestWindows.window(seed: 44)
    let dataset = RetrainingDataset(
      base: Self.base, escalations: [escalation(1, window, cloud: 0, confidence: 0.5)],
      minimumCloudConfidence: 0.9,
      holdOutFraction: 0.5, seed: 1)
    #expect(!rows(dataset.training).contains(window))
    #expect(!rows(dataset.validation).contains(window))
    #expect(dataset.counts.uncertainEscalations == 1)
    #expect(dataset.consumedIDs == [1])
  }
}
