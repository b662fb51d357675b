extension DenseNetwork {
  /// The layers as the quantizer takes them: row-major weights, biases, and ReLU fused where the layer has it.
  public var floatDenseLayers: [FloatDenseLayer] {
    layers.map { layer in
      FloatDenseLayer(
        weights: layer.weights.values, bias: layer.bias, inputSize: layer.inputCount,
        outputSize: layer.outputCount, relu: layer.activation == .relu)
    }
  }
}
