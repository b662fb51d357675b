import Foundation
import Learning

extension ModelFiles {
  /// The float model (safetensors) an edge `.tflite` was quantized from, kept beside it for warm starts.
  public func edgeFloatModelURL(sha256: String) -> URL {
    dataDirectory.appendingPathComponent("models/edge/\(sha256).safetensors")
  }

  /// Keeps the float model of the edge model whose `.tflite` has this SHA-256.
  public func storeEdgeFloatModel(_ model: Autoencoder, sha256: String) throws {
    let url = edgeFloatModelURL(sha256: sha256)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try model.encoded().write(to: url, options: .atomic)
  }

  /// Keeps the float model of the edge model `tflite` (so the next retraining can start from its weights).
  public func storeEdgeFloatModel(_ model: Autoencoder, forTFLite tflite: Data) throws {
    try storeEdgeFloatModel(model, sha256: Self.sha256(tflite))
  }

  /// The float model of an edge model, or nil when none was stored (e.g. one registered by `models add`).
  public func edgeFloatModel(sha256: String) throws -> Autoencoder? {
    let url = edgeFloatModelURL(sha256: sha256)
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    return try Autoencoder(contentsOf: url)
  }
}
