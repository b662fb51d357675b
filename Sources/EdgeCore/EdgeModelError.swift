/// Why a `.tflite` file and its configuration cannot make an `EdgeModel` (messages live outside the firmware).
public enum EdgeModelError: Error, Equatable, Sendable {
  /// The `.tflite` bytes were refused.
  case model(TFLiteError)
  /// The model's "edgehybrid" metadata entry was refused.
  case metadata(ModelMetadataError)
  /// The model has no "edgehybrid" metadata entry: pass the front-end, standardization and thresholds yourself.
  case missingMetadata
  /// The window layout has no samples or no axes.
  case invalidLayout
  /// The front-end makes `features` values a window, but the model's input takes `modelInput`.
  case featureCountMismatch(features: Int, modelInput: Int)
  /// The model's output is not as wide as its input, so it reconstructs nothing to compare with.
  case notAnAutoencoder(modelInput: Int, modelOutput: Int)
  /// The standardization has `actual` mean/std pairs; its mode over this front-end needs `expected`.
  case standardizationCountMismatch(expected: Int, actual: Int)
  /// The thresholds are not usable zone thresholds.
  case thresholds(ZoneThresholdsError)
}
