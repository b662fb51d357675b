import Foundation
import Learning
import Wire

extension CloudModelCard {
  /// A card fitted from the cloud model's errors: threshold from the training windows, calibration
  /// from a labelled validation set of normals and faults.
  ///
  /// - Parameters:
  ///   - trainMSE: cloud MSE of each (normal) training window; gives μ, σ and the threshold μ + k·σ.
  ///   - validationMSE: cloud MSE of each labelled validation window.
  ///   - validationLabels: 0 normal, 1 anomaly, one per validation window.
  ///   - k: σ multiplier of the decision threshold (3 by default).
  /// - Throws: `ThresholdError` for unusable training errors, `CalibrationError` for an unusable validation set.
  public init(
    fittingTrainMSE trainMSE: [Float], validationMSE: [Double], validationLabels: [Int], k: Double = 3,
    version: Int = 0, modelFile: String = "", created: WireTimestamp = .now()
  ) throws {
    let distribution = try MSEDistribution(trainMSE)
    let calibration = try PlattCalibration.fit(mse: validationMSE, labels: validationLabels)
    let threshold = distribution.mean + k * distribution.standardDeviation
    var brier = 0.0
    var correct = 0
    for (mse, label) in zip(validationMSE, validationLabels) {
      let probability = calibration.probabilityOfAnomaly(mse: mse)
      brier += (probability - Double(label)) * (probability - Double(label))
      if (mse > threshold ? 1 : 0) == label { correct += 1 }
    }
    let anomalies = validationLabels.reduce(0, +)
    self.init(
      version: version, modelFile: modelFile, trainMu: distribution.mean,
      trainSigma: distribution.standardDeviation,
      k: k, calibration: calibration,
      validation: CalibrationSummary(
        normals: validationLabels.count - anomalies, anomalies: anomalies,
        brierScore: brier / Double(validationMSE.count),
        accuracy: Double(correct) / Double(validationMSE.count)),
      created: created)
  }
}
