/// One trained float dense layer, the quantizer's input: `y = W·x + b`, then ReLU when `relu` is set.
public struct FloatDenseLayer: Equatable, Sendable {
  /// Weights, `outputSize × inputSize`, row-major (one row per output unit).
  public var weights: [Float]
  /// One bias per output unit.
  public var bias: [Float]
  /// Width of the layer's input.
  public var inputSize: Int
  /// Number of output units.
  public var outputSize: Int
  /// Whether a ReLU follows the affine map (fused into the int8 layer).
  public var relu: Bool

  /// A layer from its row-major weights and bias; shapes are checked when it is quantized.
  public init(weights: [Float], bias: [Float], inputSize: Int, outputSize: Int, relu: Bool) {
    self.weights = weights
    self.bias = bias
    self.inputSize = inputSize
    self.outputSize = outputSize
    self.relu = relu
  }

  /// The float output for one input row (accumulated in Float, as the trainer evaluates it).
  public func forward(_ input: ArraySlice<Float>) -> [Float] {
    precondition(input.count == inputSize, "input has \(input.count) values, layer expects \(inputSize)")
    var output = [Float](repeating: 0, count: outputSize)
    let start = input.startIndex
    for row in 0..<outputSize {
      var sum = bias[row]
      let base = row * inputSize
      for column in 0..<inputSize { sum += weights[base + column] * input[start + column] }
      output[row] = relu ? max(sum, 0) : sum
    }
    return output
  }
}

extension Array where Element == FloatDenseLayer {
  /// The float network's output for one input row: the reference the int8 model is compared with.
  public func forward(_ input: ArraySlice<Float>) -> [Float] {
    var activation = [Float](input)
    for layer in self { activation = layer.forward(activation[...]) }
    return activation
  }
}

/// Representative inputs for calibration: standardized feature rows, `rowCount × width`, row-major.
public struct CalibrationSet: Equatable, Sendable {
  /// All rows back to back.
  public let values: [Float]
  /// Features per row (the model's input width).
  public let width: Int

  /// A calibration set; refuses an empty set, a ragged last row and non-finite values.
  public init(values: [Float], width: Int) throws(QuantizationError) {
    guard width > 0, !values.isEmpty else { throw .emptyCalibration }
    guard values.count % width == 0 else { throw .raggedCalibration(valueCount: values.count, width: width) }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(what: "calibration row \(bad / width), feature \(bad % width)")
    }
    self.values = values
    self.width = width
  }

  /// Number of rows.
  public var rowCount: Int { values.count / width }

  /// The `index`-th row.
  public func row(_ index: Int) -> ArraySlice<Float> { values[(index * width)..<((index + 1) * width)] }
}
