import Foundation
import Learning

/// Where a model's companion files live: `edge.safetensors` → `edge.thresholds.json`.
enum ModelFiles {
  /// The thresholds document written beside a model file.
  static func thresholdsPath(forModel path: String) -> String {
    URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("thresholds.json").path
  }

  /// Loads a float model and the thresholds fitted on its training data.
  static func loadFloatModel(_ path: String) throws -> (model: Autoencoder, thresholds: ThresholdsDocument) {
    let model = try Autoencoder(contentsOf: URL(fileURLWithPath: path))
    let thresholds = try ThresholdsDocument(contentsOf: URL(fileURLWithPath: thresholdsPath(forModel: path)))
    return (model, thresholds)
  }
}
