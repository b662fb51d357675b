import Learning
import Wire

/// Everything the server needs besides the weights to turn a cloud MSE into a verdict and a confidence.
///
/// Decision: anomaly when the cloud MSE exceeds `threshold` = μ + k·σ of the cloud model's MSE on
/// its training windows (k = 3 by default: the seed reference's choice). Confidence: the Platt
/// calibration of log(MSE), fitted on a labelled validation set, gives P(anomaly | MSE); the
/// confidence of a verdict is that probability for "anomaly" and one minus it for "normal".
public struct CloudModelCard: Codable, Sendable, Equatable {
  /// Cloud model version; its id is `cloud-<version>`.
  public var version: Int
  /// File name of the weights inside the model's directory.
  public var modelFile: String
  /// Mean of the training-set cloud MSE.
  public var trainMu: Double
  /// Standard deviation of the training-set cloud MSE.
  public var trainSigma: Double
  /// Multiplier of σ for the decision threshold.
  public var k: Double
  /// Cloud MSE above which a window is an anomaly.
  public var threshold: Double
  /// Logistic calibration of log(MSE).
  public var calibration: PlattCalibration
  /// How the calibration was fitted and how well it scores on its validation set.
  public var validation: CalibrationSummary
  /// When the card was made.
  public var created: WireTimestamp

  /// A card.
  public init(
    version: Int, modelFile: String, trainMu: Double, trainSigma: Double, k: Double,
    calibration: PlattCalibration, validation: CalibrationSummary, created: WireTimestamp
  ) {
    self.version = version
    self.modelFile = modelFile
    self.trainMu = trainMu
    self.trainSigma = trainSigma
    self.k = k
    self.threshold = trainMu + k * trainSigma
    self.calibration = calibration
    self.validation = validation
    self.created = created
  }

  /// The id reported as `cloud_model`.
  public var modelID: String { "cloud-\(version)" }

  enum CodingKeys: String, CodingKey {
    case version, k, threshold, calibration, validation, created
    case modelFile = "model_file"
    case trainMu = "train_mu"
    case trainSigma = "train_sigma"
  }
}

/// The labelled set a calibration was fitted on and its scores there.
public struct CalibrationSummary: Codable, Sendable, Equatable {
  /// Normal validation windows.
  public var normals: Int
  /// Anomalous validation windows.
  public var anomalies: Int
  /// Mean squared error of the predicted P(anomaly) against the labels (lower is better).
  public var brierScore: Double
  /// Accuracy of the thresholded decision on the validation set.
  public var accuracy: Double

  /// A summary.
  public init(normals: Int, anomalies: Int, brierScore: Double, accuracy: Double) {
    self.normals = normals
    self.anomalies = anomalies
    self.brierScore = brierScore
    self.accuracy = accuracy
  }

  enum CodingKeys: String, CodingKey {
    case normals, anomalies, accuracy
    case brierScore = "brier_score"
  }
}
