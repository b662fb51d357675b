import EdgeCore

/// How the int8 model's anomaly scores compare with the float model's on the same windows: the check that
/// quantization kept the detector, without needing labelled data.
public struct QuantizationComparison: Codable, Equatable, Sendable {
  /// Windows compared.
  public let windows: Int
  /// Mean reconstruction MSE of the float model.
  public let floatMeanMSE: Double
  /// Mean reconstruction MSE of the int8 model.
  public let int8MeanMSE: Double
  /// Pearson correlation of the two models' per-window MSEs (0 when either is constant).
  public let mseCorrelation: Double
  /// Mean over windows of |int8 MSE − float MSE|.
  public let meanAbsoluteDifference: Double
  /// Largest |int8 MSE − float MSE| of a window.
  public let maxAbsoluteDifference: Double
  /// Zone shares of the float model under thresholds fitted to its own MSEs.
  public let floatZones: ZoneFractions
  /// Zone shares of the int8 model under thresholds fitted to its own MSEs.
  public let int8Zones: ZoneFractions
  /// Fraction of windows that both models put in the same zone.
  public let zoneAgreement: Double

  /// Compares per-window MSEs (equally many, in the same window order) and the zones each model's own
  /// thresholds give them.
  public init(
    floatMSE: [Float], int8MSE: [Float], floatThresholds: ZoneThresholds, int8Thresholds: ZoneThresholds
  ) {
    precondition(floatMSE.count == int8MSE.count && !floatMSE.isEmpty, "compare equally many windows")
    let (x, y) = (floatMSE.map(Double.init), int8MSE.map(Double.init))
    let count = Double(x.count)
    let (meanX, meanY) = (x.reduce(0, +) / count, y.reduce(0, +) / count)
    let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
    let varianceX = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
    let varianceY = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
    let differences = zip(x, y).map { abs($0 - $1) }
    let floatZones = floatMSE.map(floatThresholds.classify)
    let int8Zones = int8MSE.map(int8Thresholds.classify)
    windows = x.count
    floatMeanMSE = meanX
    int8MeanMSE = meanY
    mseCorrelation = varianceX > 0 && varianceY > 0 ? covariance / (varianceX * varianceY).squareRoot() : 0
    meanAbsoluteDifference = differences.reduce(0, +) / count
    maxAbsoluteDifference = differences.max() ?? 0
    self.floatZones = ZoneFractions(floatZones)
    self.int8Zones = ZoneFractions(int8Zones)
    zoneAgreement = Double(zip(floatZones, int8Zones).count { $0 == $1 }) / count
  }
}
