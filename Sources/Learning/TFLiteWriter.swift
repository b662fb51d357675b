import EdgeCore

/// Writes a quantized dense autoencoder as a TFLite flatbuffer (schema v3) that LiteRT and TFLite Micro load.
///
/// One subgraph of int8 FULLY_CONNECTED operators (version 4, fused ReLU or none), int8 input and output,
/// int8 weights with per-channel or per-tensor scales, int32 biases, 16-byte-aligned constant buffers, and two
/// metadata entries: the converter's `min_runtime_version` and ours, `edgehybrid` (EHMD bytes, see
/// `ModelMetadata`). No custom ops, no signature.
public enum TFLiteWriter {
  /// The model description written into the file.
  public static let modelDescription = "EdgeHybrid"
  /// Version of FULLY_CONNECTED with int8 input, weights and output, a bias and `keep_num_dims` false
  /// (`op_version.cc`; the same for per-channel and per-tensor weights).
  static let fullyConnectedVersion: Int32 = 4
  /// The runtime that first runs that version (`runtime_version.cc`), written as `min_runtime_version` metadata.
  static let minRuntimeVersion = "1.14.0"
  /// Size of the `min_runtime_version` buffer the converter writes (the string, NUL-padded).
  static let minRuntimeVersionBufferSize = 16

  /// The `.tflite` bytes of `model`, carrying `metadata`.
  public static func encode(_ model: QuantizedModel, metadata: ModelMetadata) throws(TFLiteWriterError)
    -> [UInt8]
  {
    guard !model.layers.isEmpty else { throw .emptyModel }
    let features = metadata.frontEnd.featureCount
    guard model.inputSize == features, model.outputSize == features else {
      throw .featureCountMismatch(
        modelInput: model.inputSize, modelOutput: model.outputSize, metadataFeatures: features)
    }
    var file = TFLiteFileBuilder()
    return file.build(model, metadataBytes: metadata.encode())
  }
}
