import EdgeCore

extension QuantizedModel {
  /// The quantized network inside a `.tflite` written by `TFLiteWriter`, so a file can be re-encoded with new
  /// metadata (a threshold-only update) without touching a single weight.
  public init(tflite model: TFLiteModel) throws(QuantizationError) {
    var layers: [QuantizedDenseLayer] = []
    var input: Int8Quantization?
    for op in model.operators {
      guard case .fullyConnected(let activation) = op.kind, op.inputs.count == 3, op.outputs.count == 1,
        let weights = Self.tensor(model, op.inputs[1]), let bias = Self.tensor(model, op.inputs[2]),
        let source = Self.tensor(model, op.inputs[0]), let output = Self.tensor(model, op.outputs[0]),
        weights.shape.count == 2, let weightScales = weights.quantization?.scales,
        let biasScales = bias.quantization?.scales,
        let outputParameters = Self.parameters(output), let sourceParameters = Self.parameters(source)
      else {
        throw .unsupportedModel("only chains of int8 FULLY_CONNECTED layers with a bias can be read back")
      }
      if input == nil { input = sourceParameters }
      layers.append(
        QuantizedDenseLayer(
          inputSize: weights.shape[1], outputSize: weights.shape[0],
          weights: weights.data.map { Int8(bitPattern: $0) }, weightScales: weightScales,
          bias: Self.int32Values(bias.data), biasScales: biasScales, relu: activation == .relu,
          output: outputParameters))
    }
    guard let input else { throw .unsupportedModel("the model has no FULLY_CONNECTED layer") }
    self.init(input: input, layers: layers)
  }

  private static func tensor(_ model: TFLiteModel, _ index: Int) -> TFLiteTensor? {
    model.tensors.indices.contains(index) ? model.tensors[index] : nil
  }

  private static func parameters(_ tensor: TFLiteTensor) -> Int8Quantization? {
    guard tensor.type == .int8, let quantization = tensor.quantization, quantization.scales.count == 1,
      let zeroPoint = quantization.zeroPoints.first, (-128...127).contains(zeroPoint),
      quantization.scales[0] > 0, (quantization.scales[0] * 256).isFinite
    else { return nil }
    return Int8Quantization(scale: quantization.scales[0], zeroPoint: Int32(zeroPoint))
  }

  private static func int32Values(_ bytes: ArraySlice<UInt8>) -> [Int32] {
    let raw = Array(bytes)
    return stride(from: 0, to: raw.count - 3, by: 4).map { offset in
      Int32(
        bitPattern: UInt32(raw[offset]) | UInt32(raw[offset + 1]) << 8 | UInt32(raw[offset + 2]) << 16
          | UInt32(raw[offset + 3]) << 24)
    }
  }
}
