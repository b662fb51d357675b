/// Why a float network or its calibration data cannot be quantized; each case says what to fix.
public enum QuantizationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The network has no layers.
  case noLayers
  /// A layer's weight or bias count does not match its declared shape.
  case layerShape(layer: Int, weights: Int, bias: Int, inputSize: Int, outputSize: Int)
  /// A layer's input width differs from the previous layer's output width (or, for layer 0, the calibration width).
  case layerChain(layer: Int, inputSize: Int, expected: Int)
  /// The calibration set is empty.
  case emptyCalibration
  /// The calibration values do not split into whole rows of the given width.
  case raggedCalibration(valueCount: Int, width: Int)
  /// A weight, bias, calibration value or calibrated range is NaN or infinite.
  case nonFinite(what: String)
  /// The percentile for range calibration is outside (50, 100].
  case invalidPercentile(Double)
  /// A calibrated range is not finite, or too wide or too narrow for a float scale.
  case unrepresentableRange(min: Float, max: Float)
  /// A `.tflite` read back is not a chain of int8 FULLY_CONNECTED layers as `TFLiteWriter` writes them.
  case unsupportedModel(String)

  /// A message that says what is wrong and what to do.
  public var description: String {
    switch self {
    case .noLayers:
      "the network has no layers: quantize a trained network"
    case .layerShape(let layer, let weights, let bias, let inputSize, let outputSize):
      "layer \(layer) has \(weights) weights and \(bias) biases but is declared \(outputSize)×\(inputSize): "
        + "expected \(outputSize * inputSize) weights and \(outputSize) biases"
    case .layerChain(let layer, let inputSize, let expected):
      "layer \(layer) takes \(inputSize) inputs but receives \(expected): the layers (and the calibration width) must chain"
    case .emptyCalibration:
      "the calibration set is empty: pass representative standardized training windows"
    case .raggedCalibration(let valueCount, let width):
      "\(valueCount) calibration values do not form whole rows of \(width) features"
    case .nonFinite(let what):
      "\(what) is NaN or infinite: check the training run and the standardization"
    case .invalidPercentile(let percentile):
      "calibration percentile \(percentile) is outside (50, 100]: use e.g. 99.99, or min/max calibration"
    case .unrepresentableRange(let min, let max):
      "the calibrated range [\(min), \(max)] has no int8 scale (not finite, or its width under- or overflows a "
        + "float): check the trained weights and the standardization of the calibration data"
    case .unsupportedModel(let problem):
      "\(problem): give a .tflite written by edgehybrid quantize"
    }
  }
}
