/// One fully connected layer: `y = activation(W·x + b)`.
public struct DenseLayer: Equatable, Sendable {
  /// Weights, `outputs × inputs` (the TFLite FULLY_CONNECTED layout).
  public var weights: Matrix
  /// One bias per output.
  public var bias: [Float]
  /// The nonlinearity applied after the affine map.
  public var activation: Activation

  /// A layer from its weights (`outputs × inputs`), bias (`outputs` values) and activation.
  public init(weights: Matrix, bias: [Float], activation: Activation) {
    precondition(
      bias.count == weights.rows, "A layer with \(weights.rows) outputs needs \(weights.rows) biases")
    self.weights = weights
    self.bias = bias
    self.activation = activation
  }

  /// Number of inputs.
  public var inputCount: Int { weights.cols }
  /// Number of outputs.
  public var outputCount: Int { weights.rows }
  /// Number of trainable values (weights and biases).
  public var parameterCount: Int { weights.values.count + bias.count }
}
