/// One int8 FULLY_CONNECTED layer (batch 1) with the parameters LiteRT's reference kernel uses,
/// and that kernel written plainly: the oracle every faster path is tested against.
public struct FullyConnectedLayer: Sendable {
  /// Input width.
  public let inputCount: Int
  /// Output width (channels).
  public let outputCount: Int
  /// Weights, row-major `[outputCount][inputCount]` as TFLite stores them.
  public let weights: [Int8]
  /// One int32 bias per output channel (zeros when the model has none).
  public let bias: [Int32]
  /// The input activation's zero point.
  public let inputZeroPoint: Int32
  /// The weights' zero point; always 0 for per-channel weights, whose kernel assumes symmetry.
  public let weightZeroPoint: Int32
  /// The output activation's zero point.
  public let outputZeroPoint: Int32
  /// Per output channel, `inputScale × weightScale / outputScale` in double (see `requantize`).
  public let effectiveScales: [Double]
  /// The lowest output code (fused activation and int8 range).
  public let outputMin: Int32
  /// The highest output code (fused activation and int8 range).
  public let outputMax: Int32

  /// A layer from its parts; sizes must agree and every code must be an int8.
  public init(
    inputCount: Int, outputCount: Int, weights: [Int8], bias: [Int32], inputZeroPoint: Int32,
    weightZeroPoint: Int32, outputZeroPoint: Int32, effectiveScales: [Double], outputMin: Int32,
    outputMax: Int32
  ) {
    precondition(inputCount > 0 && outputCount > 0, "a layer needs inputs and outputs")
    precondition(weights.count == inputCount * outputCount, "weights must be outputCount × inputCount")
    precondition(
      bias.count == outputCount && effectiveScales.count == outputCount, "one bias and scale a channel")
    precondition(effectiveScales.allSatisfy { $0.isFinite && $0 >= 0 }, "scales must be finite, not negative")
    let int8 = Int32(Int8.min)...Int32(Int8.max)
    precondition(int8.contains(inputZeroPoint) && int8.contains(outputZeroPoint), "zero points are int8")
    precondition(int8.contains(weightZeroPoint), "the weight zero point is an int8")
    precondition(int8.contains(outputMin) && int8.contains(outputMax) && outputMin <= outputMax, "bad clamp")
    self.inputCount = inputCount
    self.outputCount = outputCount
    self.weights = weights
    self.bias = bias
    self.inputZeroPoint = inputZeroPoint
    self.weightZeroPoint = weightZeroPoint
    self.outputZeroPoint = outputZeroPoint
    self.effectiveScales = effectiveScales
    self.outputMin = outputMin
    self.outputMax = outputMax
  }

  /// The effective scale LiteRT's reference kernel applies to a channel's accumulator.
  public static func effectiveScale(input: Float, weight: Float, output: Float) -> Double {
    Double(input) * Double(weight) / Double(output)
  }

  /// LiteRT's reference requantization (ai-edge-litert 2.3.0, `OpResolverType.BUILTIN_REF`):
  /// `round(Double(acc) × effectiveScale)` half away from zero, plus the output zero point,
  /// clamped to `lower…upper`.
  ///
  /// This is not the fixed-point `MultiplyByQuantizedMultiplier` of LiteRT's optimized kernels
  /// and TFLite Micro (in either rounding variant): measured on converter-made models, both
  /// variants differ from BUILTIN_REF wherever `acc × scale` lies on or next to a half-integer.
  @inlinable
  public static func requantize(
    _ accumulator: Int32, effectiveScale: Double, zeroPoint: Int32, lower: Int32, upper: Int32
  ) -> Int32 {
    let scaled = (Double(accumulator) * effectiveScale).rounded(.toNearestOrAwayFromZero)
    let bounded = min(max(scaled, Double(lower - zeroPoint)), Double(upper - zeroPoint))
    return Int32(bounded) + zeroPoint
  }

  /// LiteRT's reference FULLY_CONNECTED on one input row: int32 accumulation that wraps as the
  /// C++ does, `Σ (w − wZero)(x − xZero) + bias`, then `requantize`.
  public func runReference(_ input: UnsafeBufferPointer<Int8>, into output: UnsafeMutableBufferPointer<Int8>)
  {
    precondition(
      input.count == inputCount && output.count == outputCount, "buffer sizes must match the layer")
    for channel in 0..<outputCount {
      var accumulator: Int32 = 0
      for index in 0..<inputCount {
        let weight = Int32(weights[channel * inputCount + index]) &- weightZeroPoint
        accumulator &+= weight &* (Int32(input[index]) &- inputZeroPoint)
      }
      accumulator &+= bias[channel]
      let code = Self.requantize(
        accumulator, effectiveScale: effectiveScales[channel], zeroPoint: outputZeroPoint,
        lower: outputMin, upper: outputMax)
      output[channel] = Int8(truncatingIfNeeded: code)
    }
  }
}
