import EdgeCore

/// How activation ranges are taken from the calibration data.
public enum CalibrationMethod: Equatable, Hashable, Sendable {
  /// The observed minimum and maximum, as TensorFlow's converter does.
  case minMax
  /// The given percentile of each tail (e.g. 99.99 clips the 0.01 % most extreme values on each side).
  case percentile(Double)
}

/// Choices of post-training quantization.
public struct QuantizationOptions: Equatable, Hashable, Sendable {
  /// How activation ranges are calibrated.
  public var calibration: CalibrationMethod
  /// Per-channel or per-tensor weight scales.
  public var weights: WeightGranularity

  /// Options; the defaults are min/max calibration and per-channel weights.
  public init(calibration: CalibrationMethod = .minMax, weights: WeightGranularity = .perChannel) {
    self.calibration = calibration
    self.weights = weights
  }
}

/// Post-training full-integer quantization of a dense float network, following TFLite's rules.
public struct Quantizer: Sendable {
  /// The choices this quantizer applies.
  public var options: QuantizationOptions

  /// A quantizer with the given options.
  public init(options: QuantizationOptions = QuantizationOptions()) {
    self.options = options
  }

  /// Calibrates activation ranges on `calibration`, then quantizes weights, biases and activations to int8/int32.
  public func quantize(_ layers: [FloatDenseLayer], calibration: CalibrationSet) throws(QuantizationError)
    -> QuantizedModel
  {
    try Self.validate(layers, inputWidth: calibration.width)
    let ranges = try calibratedRanges(of: layers, on: calibration)
    let input = try Int8Quantization(min: ranges[0].min, max: ranges[0].max)
    var layerInput = input
    var quantized: [QuantizedDenseLayer] = []
    for (index, layer) in layers.enumerated() {
      let range = ranges[index + 1]
      let output = try Int8Quantization(min: range.min, max: range.max)
      quantized.append(layer.quantized(granularity: options.weights, input: layerInput, output: output))
      layerInput = output
    }
    return QuantizedModel(input: input, layers: quantized)
  }

  /// Checks shapes, chaining and finiteness of the float layers.
  static func validate(_ layers: [FloatDenseLayer], inputWidth: Int) throws(QuantizationError) {
    guard !layers.isEmpty else { throw .noLayers }
    var width = inputWidth
    for (index, layer) in layers.enumerated() {
      guard layer.inputSize > 0, layer.outputSize > 0,
        layer.weights.count == layer.inputSize * layer.outputSize, layer.bias.count == layer.outputSize
      else {
        throw .layerShape(
          layer: index, weights: layer.weights.count, bias: layer.bias.count, inputSize: layer.inputSize,
          outputSize: layer.outputSize)
      }
      guard layer.inputSize == width else {
        throw .layerChain(layer: index, inputSize: layer.inputSize, expected: width)
      }
      if let bad = layer.weights.firstIndex(where: { !$0.isFinite }) {
        throw .nonFinite(what: "layer \(index) weight [\(bad / layer.inputSize), \(bad % layer.inputSize)]")
      }
      if let bad = layer.bias.firstIndex(where: { !$0.isFinite }) {
        throw .nonFinite(what: "layer \(index) bias \(bad)")
      }
      width = layer.outputSize
    }
  }
}
