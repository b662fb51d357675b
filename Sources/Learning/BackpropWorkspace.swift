/// Scratch buffers for the forward and backward pass of one network shape over up to `capacity` rows.
///
/// Each training thread owns one, so passes never share mutable memory. Layer outputs are kept
/// (post-activation) because ReLU's derivative is read from them.
final class BackpropWorkspace {
  let layout: ParameterLayout
  let activations: [Activation]
  /// Maximum number of rows per pass.
  let capacity: Int
  /// `outputs[0]` holds the input rows, `outputs[l + 1]` the output of layer `l`.
  private let outputs: [UnsafeMutablePointer<Float>]
  /// `deltas[l]`: gradient of the loss with respect to layer `l`'s pre-activation output.
  private let deltas: [UnsafeMutablePointer<Float>]

  init(layout: ParameterLayout, activations: [Activation], capacity: Int) {
    precondition(capacity > 0, "A workspace needs room for at least one row")
    self.layout = layout
    self.activations = activations
    self.capacity = capacity
    outputs = layout.layerSizes.map { .allocate(capacity: $0 * capacity) }
    deltas = layout.layerSizes.dropFirst().map { .allocate(capacity: $0 * capacity) }
  }

  deinit {
    for buffer in outputs + deltas { buffer.deallocate() }
  }

  /// Where the caller writes the input rows (`capacity × inputs`).
  var input: UnsafeMutablePointer<Float> { outputs[0] }
  /// The network output after `forward` (`rows × outputs`).
  var output: UnsafePointer<Float> { UnsafePointer(outputs[layout.layerCount]) }

  /// Runs the network on the first `rows` input rows.
  func forward(parameters: UnsafePointer<Float>, rows: Int) {
    precondition(rows <= capacity, "Workspace holds \(capacity) rows, asked for \(rows)")
    for l in 0..<layout.layerCount {
      let inputs = layout.inputs(l)
      let outputs = layout.outputs(l)
      let z = self.outputs[l + 1]
      MatrixKernels.multiplyTransposed(
        m: rows, n: outputs, k: inputs, self.outputs[l], inputs, parameters + layout.weightOffsets[l], inputs,
        z,
        outputs)
      MatrixKernels.addBias(m: rows, n: outputs, z, outputs, parameters + layout.biasOffsets[l])
      if activations[l] == .relu { MatrixKernels.relu(z, count: rows * outputs) }
    }
  }

  /// Sum of squared differences between the last `forward` output and `target` (`rows × outputs`).
  func squaredError(target: UnsafePointer<Float>, rows: Int) -> Float {
    MatrixKernels.squaredError(
      output: output, target: target, count: rows * layout.layerSizes[layout.layerCount], gradientScale: 0,
      gradient: nil)
  }

  /// Backpropagates the squared error of the last `forward` pass against `target`, writing the gradient of
  /// `gradientScale · Σ (output − target)² / 2` into `gradients` (one value per parameter), and returns
  /// the sum of squared differences. With `gradientScale = 2 / (batch × outputs)` this is the mean-squared-
  /// error gradient of the rows' share of a batch.
  func backward(
    parameters: UnsafePointer<Float>, target: UnsafePointer<Float>, rows: Int, gradientScale: Float,
    gradients: UnsafeMutablePointer<Float>
  ) -> Float {
    let last = layout.layerCount - 1
    let sumOfSquares = MatrixKernels.squaredError(
      output: output, target: target, count: rows * layout.outputs(last), gradientScale: gradientScale,
      gradient: deltas[last])
    for l in stride(from: last, through: 0, by: -1) {
      let inputs = layout.inputs(l)
      let outputs = layout.outputs(l)
      let delta = deltas[l]
      if activations[l] == .relu {
        MatrixKernels.maskReLU(delta, activation: self.outputs[l + 1], count: rows * outputs)
      }
      MatrixKernels.multiply(
        m: outputs, n: inputs, k: rows, delta, aRowStride: 1, aColStride: outputs, self.outputs[l], inputs,
        gradients + layout.weightOffsets[l], inputs, accumulate: false)
      MatrixKernels.columnSums(m: rows, n: outputs, delta, outputs, into: gradients + layout.biasOffsets[l])
      if l > 0 {
        MatrixKernels.multiply(
          m: rows, n: inputs, k: outputs, delta, aRowStride: outputs, aColStride: 1,
          parameters + layout.weightOffsets[l], inputs, deltas[l - 1], inputs, accumulate: false)
      }
    }
    return sumOfSquares
  }
}
