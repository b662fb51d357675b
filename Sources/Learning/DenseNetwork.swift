import EdgeCore

/// A stack of dense layers (ReLU hidden, linear output by default): the autoencoder's body.
///
/// Parameters live in one flat array (see `ParameterLayout`) so that training, checkpoints and inference
/// share them without copies; `layers` presents them layer by layer.
public struct DenseNetwork: Equatable, Sendable {
  /// Widths from input to output, e.g. `[300, 16, 8, 16, 300]`.
  public var layerSizes: [Int] { layout.layerSizes }
  /// The activation of each layer, input side first.
  public let activations: [Activation]
  let layout: ParameterLayout
  /// All weights and biases, laid out as `layout` says.
  var parameters: [Float]

  /// A freshly initialized network: weights drawn from `seed`, biases zero.
  public init(
    layerSizes: [Int], hiddenActivation: Activation = .relu, outputActivation: Activation = .linear,
    initialization: WeightInitialization = .glorotUniform, seed: UInt64
  ) {
    let layout = ParameterLayout(layerSizes: layerSizes)
    var generator = SplitMix64(seed: seed)
    var parameters = [Float](repeating: 0, count: layout.count)
    for l in 0..<layout.layerCount {
      let limit = initialization.limit(inputs: layout.inputs(l), outputs: layout.outputs(l))
      for i in layout.weightOffsets[l]..<layout.biasOffsets[l] {
        parameters[i] = (2 * generator.nextUnitFloat() - 1) * limit
      }
    }
    self.layout = layout
    self.parameters = parameters
    self.activations = Array(repeating: hiddenActivation, count: layout.layerCount - 1) + [outputActivation]
  }

  /// A network made of the given layers (each layer's inputs must equal the previous layer's outputs).
  public init(layers: [DenseLayer]) {
    precondition(!layers.isEmpty, "A network needs at least one layer")
    for (previous, next) in zip(layers, layers.dropFirst()) {
      precondition(
        previous.outputCount == next.inputCount,
        "Layer with \(previous.outputCount) outputs cannot feed a layer with \(next.inputCount) inputs")
    }
    layout = ParameterLayout(layerSizes: [layers[0].inputCount] + layers.map(\.outputCount))
    activations = layers.map(\.activation)
    parameters = layers.flatMap { $0.weights.values + $0.bias }
  }

  /// A network over existing flat parameters (checkpoints, training results, loaded files).
  init(layout: ParameterLayout, activations: [Activation], parameters: [Float]) {
    precondition(activations.count == layout.layerCount && parameters.count == layout.count)
    self.layout = layout
    self.activations = activations
    self.parameters = parameters
  }

  /// The layers, input side first; setting replaces all parameters (the sizes must stay the same).
  public var layers: [DenseLayer] {
    get {
      (0..<layout.layerCount).map { l in
        DenseLayer(
          weights: Matrix(
            rows: layout.outputs(l), cols: layout.inputs(l),
            values: Array(parameters[layout.weightOffsets[l]..<layout.biasOffsets[l]])),
          bias: Array(parameters[layout.biasOffsets[l]..<layout.biasOffsets[l] + layout.outputs(l)]),
          activation: activations[l])
      }
    }
    set {
      let replacement = DenseNetwork(layers: newValue)
      precondition(replacement.layout == layout, "New layers must keep the sizes \(layerSizes)")
      self = replacement
    }
  }

  /// Number of inputs (features).
  public var inputCount: Int { layout.layerSizes[0] }
  /// Number of outputs.
  public var outputCount: Int { layout.layerSizes[layout.layerCount] }
  /// Number of trainable values.
  public var parameterCount: Int { layout.count }

  /// The network's output for each row of `input` (`rows × inputCount` → `rows × outputCount`).
  public func forward(_ input: Matrix) -> Matrix {
    precondition(
      input.cols == inputCount, "Network expects \(inputCount) features per row, got \(input.cols)")
    var output = Matrix(rows: input.rows, cols: outputCount)
    if input.rows == 0 { return output }
    let workspace = BackpropWorkspace(
      layout: layout, activations: activations, capacity: min(input.rows, Self.inferenceChunk))
    parameters.withUnsafeBufferPointer { weights in
      input.values.withUnsafeBufferPointer { source in
        output.values.withUnsafeMutableBufferPointer { destination in
          var start = 0
          while start < input.rows {
            let rows = min(Self.inferenceChunk, input.rows - start)
            workspace.input.update(from: source.baseAddress! + start * inputCount, count: rows * inputCount)
            workspace.forward(parameters: weights.baseAddress!, rows: rows)
            (destination.baseAddress! + start * outputCount).update(
              from: workspace.output, count: rows * outputCount)
            start += rows
          }
        }
      }
    }
    return output
  }

  /// Rows per forward pass in `forward(_:)`: big enough to amortize, small enough to stay in cache.
  static let inferenceChunk = 64
}
