import EdgeCore

/// How many scales a weight matrix gets: one per output row (per-channel) or one for the whole matrix.
public enum WeightGranularity: Equatable, Hashable, Sendable {
  /// One scale per output unit (`quantized_dimension` 0): finer, TFLite ≥ 2.x and current TFLite Micro.
  case perChannel
  /// One scale per layer: smaller files, and what older TFLite Micro builds support.
  case perTensor
}

/// One full-integer FULLY_CONNECTED layer: int8 weights, int32 bias, int8 output with a fused ReLU or none.
public struct QuantizedDenseLayer: Equatable, Sendable {
  /// Width of the layer's input.
  public var inputSize: Int
  /// Number of output units.
  public var outputSize: Int
  /// Int8 weights in [-127, 127], `outputSize × inputSize`, row-major; zero point 0.
  public var weights: [Int8]
  /// Weight scales: one per output row (per-channel) or a single one (per-tensor).
  public var weightScales: [Float]
  /// Int32 biases at scale `inputScale · weightScale` of their row; zero point 0.
  public var bias: [Int32]
  /// Bias scales, one per weight scale.
  public var biasScales: [Float]
  /// Whether a ReLU is fused into the layer (its output range starts at 0).
  public var relu: Bool
  /// Parameters of the layer's int8 output tensor.
  public var output: Int8Quantization

  /// A layer from its already-quantized parts.
  public init(
    inputSize: Int, outputSize: Int, weights: [Int8], weightScales: [Float], bias: [Int32],
    biasScales: [Float], relu: Bool, output: Int8Quantization
  ) {
    self.inputSize = inputSize
    self.outputSize = outputSize
    self.weights = weights
    self.weightScales = weightScales
    self.bias = bias
    self.biasScales = biasScales
    self.relu = relu
    self.output = output
  }

  /// Per-channel or per-tensor, read from the number of scales (a one-unit layer counts as per-tensor).
  public var granularity: WeightGranularity { weightScales.count == 1 ? .perTensor : .perChannel }
}

/// A full-integer dense network: int8 input, a chain of int8 FULLY_CONNECTED layers, int8 output.
public struct QuantizedModel: Equatable, Sendable {
  /// Parameters of the int8 input tensor (the standardized features).
  public var input: Int8Quantization
  /// The layers, first to last.
  public var layers: [QuantizedDenseLayer]

  /// A model from its input parameters and layers.
  public init(input: Int8Quantization, layers: [QuantizedDenseLayer]) {
    self.input = input
    self.layers = layers
  }

  /// Width of the input.
  public var inputSize: Int { layers.first?.inputSize ?? 0 }
  /// Width of the output.
  public var outputSize: Int { layers.last?.outputSize ?? 0 }
  /// Parameters of the int8 output tensor (the reconstruction).
  public var output: Int8Quantization { layers.last?.output ?? input }
}
