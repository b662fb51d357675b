import Foundation

/// Platt scaling of a reconstruction error: P(anomaly | mse) = 1 / (1 + exp(−(slope·log(mse) + intercept))).
///
/// Fitted on a labelled validation set (normals and faults) by maximum likelihood with Platt's
/// smoothed targets, using the Newton method with backtracking of Lin, Lin & Weng (2007), "A note on
/// Platt's probabilistic outputs for support vector machines". The score is log(mse) because
/// reconstruction errors are positive and right-skewed; on the log scale a logistic fits them well.
public struct PlattCalibration: Codable, Sendable, Equatable {
  /// Weight of log(mse) in the logit.
  public var slope: Double
  /// Constant term of the logit.
  public var intercept: Double

  /// A calibration with known coefficients.
  public init(slope: Double, intercept: Double) {
    self.slope = slope
    self.intercept = intercept
  }

  /// The score a reconstruction error is calibrated on: log(mse), with mse floored at 1e-12.
  public static func score(mse: Double) -> Double { log(max(mse, 1e-12)) }

  /// Probability that a window with this reconstruction error is an anomaly.
  public func probabilityOfAnomaly(mse: Double) -> Double {
    Self.logistic(slope * Self.score(mse: mse) + intercept)
  }

  /// Probability that `classification` (0 normal, 1 anomaly) is right for a window with this error.
  public func confidence(mse: Double, classification: Int) -> Double {
    let anomaly = probabilityOfAnomaly(mse: mse)
    return classification == 1 ? anomaly : 1 - anomaly
  }

  /// Fits the calibration to reconstruction errors and their true labels (0 normal, 1 anomaly).
  public static func fit(mse: [Double], labels: [Int]) throws(CalibrationError) -> PlattCalibration {
    guard mse.count == labels.count else { throw .lengthMismatch(scores: mse.count, labels: labels.count) }
    if let bad = labels.firstIndex(where: { $0 != 0 && $0 != 1 }) {
      throw .badLabel(index: bad, value: labels[bad])
    }
    if let bad = mse.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
      throw .badScore(index: bad, value: mse[bad])
    }
    let positives = labels.reduce(0, +)
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else {
      throw .needsBothClasses(normals: negatives, anomalies: positives)
    }
    let scores = mse.map(score(mse:))
    let high = (Double(positives) + 1) / (Double(positives) + 2)
    let low = 1 / (Double(negatives) + 2)
    let targets = labels.map { $0 == 1 ? high : low }
    return newtonFit(scores: scores, targets: targets, prior: (Double(negatives), Double(positives)))
  }

  /// Negative log-likelihood with Platt's parametrisation p = 1 / (1 + exp(a·f + b)).
  private static func objective(_ scores: [Double], _ targets: [Double], _ a: Double, _ b: Double) -> Double {
    var value = 0.0
    for (f, t) in zip(scores, targets) {
      let z = f * a + b
      value += z >= 0 ? t * z + log1p(exp(-z)) : (t - 1) * z + log1p(exp(z))
    }
    return value
  }

  private static func newtonFit(scores: [Double], targets: [Double], prior: (Double, Double))
    -> PlattCalibration
  {
    let regularizer = 1e-12
    let minimumStep = 1e-10
    let tolerance = 1e-5
    var a = 0.0
    var b = log((prior.0 + 1) / (prior.1 + 1))
    var value = objective(scores, targets, a, b)
    for _ in 0..<100 {
      var h11 = regularizer
      var h22 = regularizer
      var h21 = 0.0
      var g1 = 0.0
      var g2 = 0.0
      for (f, t) in zip(scores, targets) {
        let z = f * a + b
        let (p, q) =
          z >= 0 ? (exp(-z) / (1 + exp(-z)), 1 / (1 + exp(-z))) : (1 / (1 + exp(z)), exp(z) / (1 + exp(z)))
        let d2 = p * q
        h11 += f * f * d2
        h22 += d2
        h21 += f * d2
        let d1 = t - p
        g1 += f * d1
        g2 += d1
      }
      if abs(g1) < tolerance && abs(g2) < tolerance { break }
      let determinant = h11 * h22 - h21 * h21
      let da = -(h22 * g1 - h21 * g2) / determinant
      let db = -(-h21 * g1 + h11 * g2) / determinant
      let descent = g1 * da + g2 * db
      var step = 1.0
      while step >= minimumStep {
        let candidate = objective(scores, targets, a + step * da, b + step * db)
        if candidate < value + 1e-4 * step * descent {
          a += step * da
          b += step * db
          value = candidate
          break
        }
        step /= 2
      }
      if step < minimumStep { break }
    }
    return PlattCalibration(slope: -a, intercept: -b)
  }

  private static func logistic(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
  }
}

/// Why a calibration could not be fitted.
public enum CalibrationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Scores and labels differ in length.
  case lengthMismatch(scores: Int, labels: Int)
  /// A label is not 0 or 1.
  case badLabel(index: Int, value: Int)
  /// A reconstruction error is negative or not finite.
  case badScore(index: Int, value: Double)
  /// The validation set lacks normals or anomalies.
  case needsBothClasses(normals: Int, anomalies: Int)

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .lengthMismatch(let scores, let labels):
      "calibration needs one label per window: \(scores) errors, \(labels) labels"
    case .badLabel(let index, let value):
      "calibration label \(index) is \(value); labels must be 0 (normal) or 1 (anomaly)"
    case .badScore(let index, let value):
      "reconstruction error \(index) is \(value); it must be a finite number ≥ 0"
    case .needsBothClasses(let normals, let anomalies):
      "calibration needs labelled normal and anomalous windows, got \(normals) normal and \(anomalies) anomalous;"
        + " use a validation set with faults (e.g. the simulator's labelled test split)"
    }
  }
}
