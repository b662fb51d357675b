import Foundation
import Learning

/// The float cloud autoencoder as a `CloudScorer`: front-end → standardize → reconstruct → MSE.
public struct AutoencoderScorer: CloudScorer {
  /// The trained model (its front-end and standardizer travel with it).
  public let model: Autoencoder

  /// A scorer for a trained model.
  public init(model: Autoencoder) {
    self.model = model
  }

  /// Loads the model file (safetensors, as `Autoencoder.save` writes it) of a registered cloud model.
  public static func load(card: CloudModelCard, weights: URL) throws -> any CloudScorer {
    AutoencoderScorer(model: try Autoencoder(contentsOf: weights))
  }

  /// Values in one raw window.
  public var inputCount: Int { model.frontEnd.layout.valuesPerWindow }

  /// Reconstruction error of each raw window.
  public func reconstructionErrors(_ windows: [[Float]]) -> [Double] {
    let width = inputCount
    var values = [Float]()
    values.reserveCapacity(windows.count * width)
    for window in windows {
      precondition(window.count == width, "a window holds \(width) values, got \(window.count)")
      values.append(contentsOf: window)
    }
    return model.reconstructionErrors(windows: Matrix(rows: windows.count, cols: width, values: values)).map(
      Double.init)
  }
}
