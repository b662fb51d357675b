import Foundation
import Learning
import Testing

@Suite("Platt calibration of reconstruction errors")
struct ConfidenceCalibrationTests {
  /// Log-normal errors: normals around exp(-3), anomalies around exp(-1), drawn with a fixed seed.
  private static func sample(count: Int, seed: UInt64) -> (mse: [Double], labels: [Int]) {
    var state = seed
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (Double(state >> 11) + 0.5) / Double(1 << 53)
    }
    func normal() -> Double { sqrt(-2 * log(uniform())) * cos(2 * .pi * uniform()) }
    var mse: [Double] = []
    var labels: [Int] = []
    for index in 0..<count {
      let label = index % 2
      mse.append(exp((label == 1 ? -1.0 : -3.0) + 0.8 * normal()))
      labels.append(label)
    }
    return (mse, labels)
  }

  @Test("recovers the true posterior of a two-Gaussian log-score model")
  func recoversPosterior() throws {
    let (mse, labels) = Self.sample(count: 20_000, seed: 1)
    let calibration = try PlattCalibration.fit(mse: mse, labels: labels)
    // Equal priors, log-scores N(-3, 0.8²) vs N(-1, 0.8²): logit = (2/0.64)·s + (9 − 1)/(2·0.64).
    #expect(abs(calibration.slope - 3.125) < 0.15)
    #expect(abs(calibration.intercept - 6.25) < 0.3)
    #expect(abs(calibration.probabilityOfAnomaly(mse: exp(-2)) - 0.5) < 0.03)
  }

  @Test("confidence matches observed accuracy in every decile of held-out data")
  func reliable() throws {
    let (mse, labels) = Self.sample(count: 20_000, seed: 2)
    let calibration = try PlattCalibration.fit(mse: mse, labels: labels)
    let (testMSE, testLabels) = Self.sample(count: 20_000, seed: 3)
    var sums = [Double](repeating: 0, count: 10)
    var hits = [Double](repeating: 0, count: 10)
    var counts = [Double](repeating: 0, count: 10)
    for (value, label) in zip(testMSE, testLabels) {
      let probability = calibration.probabilityOfAnomaly(mse: value)
      let bin = min(9, Int(probability * 10))
      sums[bin] += probability
      hits[bin] += Double(label)
      counts[bin] += 1
    }
    for bin in 0..<10 where counts[bin] >= 200 {
      #expect(abs(sums[bin] / counts[bin] - hits[bin] / counts[bin]) < 0.05, "bin \(bin)")
    }
  }

  @Test("confidence is the probability of the stated class")
  func confidenceOfClass() {
    let calibration = PlattCalibration(slope: 2, intercept: 4)
    let mse = exp(-1.5)
    let anomaly = calibration.probabilityOfAnomaly(mse: mse)
    #expect(abs(anomaly - 1 / (1 + exp(-1.0))) < 1e-12)
    #expect(calibration.confidence(mse: mse, classification: 1) == anomaly)
    #expect(abs(calibration.confidence(mse: mse, classification: 0) - (1 - anomaly)) < 1e-15)
  }

  @Test("fitting refuses one-class data, bad labels and bad errors with a clear message")
  func refusesBadInput() {
    #expect(throws: CalibrationError.needsBothClasses(normals: 2, anomalies: 0)) {
      try PlattCalibration.fit(mse: [0.1, 0.2], labels: [0, 0])
    }
    #expect(throws: CalibrationError.badLabel(index: 1, value: 2)) {
      try PlattCalibration.fit(mse: [0.1, 0.2], labels: [0, 2])
    }
    #expect(throws: CalibrationError.badScore(index: 0, value: -1)) {
      try PlattCalibration.fit(mse: [-1, 0.2], labels: [0, 1])
    }
    #expect(throws: CalibrationError.lengthMismatch(scores: 1, labels: 2)) {
      try PlattCalibration.fit(mse: [0.1], labels: [0, 1])
    }
    #expect(
      CalibrationError.needsBothClasses(normals: 2, anomalies: 0).description.contains("validation set"))
  }
}
