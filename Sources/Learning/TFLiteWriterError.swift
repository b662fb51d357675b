/// Why a quantized model and its metadata cannot be written as one `.tflite` file.
public enum TFLiteWriterError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The model has no layers.
  case emptyModel
  /// The model's input or output width differs from the metadata's feature count.
  case featureCountMismatch(modelInput: Int, modelOutput: Int, metadataFeatures: Int)

  /// A message that says what is wrong and what to do.
  public var description: String {
    switch self {
    case .emptyModel:
      "the quantized model has no layers: quantize a trained network first"
    case .featureCountMismatch(let input, let output, let features):
      "the model maps \(input) inputs to \(output) outputs but its metadata describes \(features) features: "
        + "write the metadata of the front-end the model was trained on"
    }
  }
}
