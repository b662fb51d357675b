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
  public init(
    fittingTrainMSE trainMSE: [Double], validationMSE: [Double], validationLabels: [Int], k: Double = 3,
    version: Int = 0, modelFile: String = "", created: WireTimestamp = .now()
  ) throws(CalibrationError) {
    guard !trainMSE.isEmpty else { throw .noTrainingErrors }
    if let bad = trainMSE.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
      throw .badScore(index: bad, value: trainMSE[bad])
    }
    let mu = trainMSE.reduce(0, +) / Double(trainMSE.count)
    let variance = trainMSE.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(trainMSE.count)
    let calibration = try PlattCalibration.fit(mse: validationMSE, labels: validationLabels)
    let threshold = mu + k * variance.squareRoot()
    var brier = 0.0
    var correct = 0
    for (mse, label) in zip(validationMSE, validationLabels) {
      let probability = calibration.probabilityOfAnomaly(mse: mse)
      brier += (probability - Double(label)) * (probability - Double(label))
      if (mse > threshold ? 1 : 0) == label { correct += 1 }
    }
    let anomalies = validationLabels.reduce(0, +)
    self.init(
      version: version, modelFile: modelFile, trainMu: mu, trainSigma: variance.squareRoot(), k: k,
      calibration: calibration,
      validation: CalibrationSummary(
        normals: validationLabels.count - anomalies, anomalies: anomalies,
        brierScore: brier / Double(validationMSE.count),
        accuracy: Double(correct) / Double(validationMSE.count)),
      created: created)
  }
}
