import EdgeCore

extension FloatDenseLayer {
  /// This layer in int8: symmetric weights in [-127, 127], int32 biases at `inputScale · weightScale`.
  ///
  /// A weight scale is `max|w| / 127` over its row (per-channel) or the whole matrix (per-tensor); an all-zero
  /// row gets scale 1 so that its bias keeps a usable resolution.
  func quantized(
    granularity: WeightGranularity, input: Int8Quantization, output: Int8Quantization
  )
    -> QuantizedDenseLayer
  {
    let weightScales =
      switch granularity {
      case .perChannel:
        (0..<outputSize).map { row in
          Self.symmetricScale(of: weights[(row * inputSize)..<((row + 1) * inputSize)])
        }
      case .perTensor: [Self.symmetricScale(of: weights[...])]
      }
    let biasScales = weightScales.map { Float(Double(input.scale) * Double($0)) }
    var codes = [Int8](repeating: 0, count: weights.count)
    var biasCodes = [Int32](repeating: 0, count: outputSize)
    for row in 0..<outputSize {
      let channel = weightScales.count == 1 ? 0 : row
      for column in 0..<inputSize {
        let index = row * inputSize + column
        codes[index] = Int8(Self.symmetricCode(weights[index], scale: weightScales[channel], limit: 127))
      }
      biasCodes[row] = Int32(
        Self.symmetricCode(bias[row], scale: biasScales[channel], limit: Double(Int32.max)))
    }
    return QuantizedDenseLayer(
      inputSize: inputSize, outputSize: outputSize, weights: codes, weightScales: weightScales,
      bias: biasCodes,
      biasScales: biasScales, relu: relu, output: output)
  }

  /// The symmetric int8 scale of some weights: `max|w| / 127`, or 1 when they are all zero.
  static func symmetricScale(of values: ArraySlice<Float>) -> Float {
    let magnitude = values.lazy.map(abs).max() ?? 0
    return magnitude > 0 ? Float(Double(magnitude) / 127) : 1
  }

  /// `value / scale` rounded half away from zero and clamped to ±`limit` (0 when the scale underflowed to 0).
  static func symmetricCode(_ value: Float, scale: Float, limit: Double) -> Double {
    guard scale > 0 else { return 0 }
    let steps = (Double(value) / Double(scale)).rounded(.toNearestOrAwayFromZero)
    return min(max(steps, -limit), limit)
  }
}
