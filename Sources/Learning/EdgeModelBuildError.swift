import EdgeCore

/// Why a float autoencoder could not be turned into a device `.tflite`.
public enum EdgeModelBuildError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No training windows were given.
  case noWindows
  /// The windows are `actual` values wide; the model's window layout has `expected`.
  case windowWidth(expected: Int, actual: Int)
  /// Quantization failed.
  case quantization(QuantizationError)
  /// The metadata (standardization, thresholds) could not be formed.
  case metadata(ModelMetadataError)
  /// The `.tflite` could not be written.
  case writer(TFLiteWriterError)
  /// The written file did not load as an `EdgeModel`.
  case model(EdgeModelError)
  /// Thresholds could not be fitted to the MSEs.
  case thresholds(ThresholdError)

  /// What went wrong and what to do.
  public var description: String {
    switch self {
    case .noWindows:
      "no training windows: quantization calibrates on them and fits the thresholds to their MSEs"
    case .windowWidth(let expected, let actual):
      "the windows hold \(actual) values but the model reads windows of \(expected): "
        + "pass the data the model was trained on (same samples per window and axes)"
    case .quantization(let error): "quantization failed: \(error)"
    case .metadata(let error): "the model's metadata is invalid: \(error)"
    case .writer(let error): "the .tflite could not be written: \(error)"
    case .model(let error): "the written .tflite does not load on the device: \(error)"
    case .thresholds(let error): "thresholds could not be fitted: \(error)"
    }
  }
}
