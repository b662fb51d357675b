import EdgeCore

/// A trained anomaly detector: front-end, input standardization, dense autoencoder and metadata, kept
/// together so that a model can never be used with the wrong features or scaling.
public struct Autoencoder: Equatable, Sendable {
  /// Which features the model reads from a window.
  public var frontEnd: FrontEndSpec
  /// Scaling fitted on the training features.
  public var standardizer: Standardizer
  /// The network mapping standardized features to their reconstruction.
  public var network: DenseNetwork
  /// Preset, creation time, training summary.
  public var metadata: AutoencoderInfo

  /// A model from its parts; their feature counts must agree.
  public init(
    frontEnd: FrontEndSpec, standardizer: Standardizer, network: DenseNetwork, metadata: AutoencoderInfo
  ) {
    precondition(
      standardizer.featureCount == frontEnd.featureCount && network.inputCount == frontEnd.featureCount
        && network.outputCount == frontEnd.featureCount,
      "Front-end makes \(frontEnd.featureCount) features; standardizer has \(standardizer.featureCount), "
        + "network maps \(network.inputCount) → \(network.outputCount)")
    self.frontEnd = frontEnd
    self.standardizer = standardizer
    self.network = network
    self.metadata = metadata
  }

  /// Number of features per window the model expects.
  public var featureCount: Int { frontEnd.featureCount }

  /// Mean squared reconstruction error of each row of `features`, in standardized units (the anomaly
  /// score), summed in EdgeCore's order so that device, trainer and server agree exactly.
  public func reconstructionErrors(features: Matrix) -> [Float] {
    let standardized = standardizer.apply(features)
    let reconstruction = network.forward(standardized)
    let count = featureCount
    return standardized.values.withUnsafeBufferPointer { input in
      reconstruction.values.withUnsafeBufferPointer { output in
        (0..<features.rows).map { r in
          meanSquaredError(
            UnsafeBufferPointer(rebasing: input[r * count..<(r + 1) * count]),
            UnsafeBufferPointer(rebasing: output[r * count..<(r + 1) * count]))
        }
      }
    }
  }

  /// Reconstruction errors of raw windows (one a row), through the model's own front-end.
  public func reconstructionErrors(windows: Matrix) -> [Float] {
    reconstructionErrors(features: frontEnd.features(ofWindows: windows))
  }

  /// The model's reconstruction of each row of `features`, in feature units.
  public func reconstruct(features: Matrix) -> Matrix {
    standardizer.invert(network.forward(standardizer.apply(features)))
  }
}
