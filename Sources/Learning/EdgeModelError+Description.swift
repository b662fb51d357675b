import EdgeCore

/// Messages for models the device refuses; they live here so that the firmware (EdgeCore) carries no text.
extension EdgeModelError: CustomStringConvertible {
  /// What is wrong with the model or its configuration and what to do about it.
  public var description: String {
    switch self {
    case .model(let error):
      "\(error)"
    case .metadata(let error):
      "\(error)"
    case .missingMetadata:
      "the .tflite has no \"edgehybrid\" metadata (front-end, standardization, thresholds): make it with "
        + "`edgehybrid quantize`, or give the front-end, standardization and thresholds explicitly"
    case .invalidLayout:
      "the window layout needs at least one sample and one axis"
    case .featureCountMismatch(let features, let modelInput):
      "the front-end makes \(features) features a window but the model takes \(modelInput) inputs: "
        + "use the window layout and front-end the model was trained with"
    case .notAnAutoencoder(let modelInput, let modelOutput):
      "the model maps \(modelInput) inputs to \(modelOutput) outputs; an autoencoder reconstructs its input"
    case .standardizationCountMismatch(let expected, let actual):
      "the standardization has \(actual) mean/std pairs but needs \(expected) (one per axis or per feature)"
    case .thresholds(let error):
      "\(error)"
    }
  }
}

/// Messages for unusable zone thresholds.
extension ZoneThresholdsError: CustomStringConvertible {
  /// What is wrong with the thresholds and what to do about it.
  public var description: String {
    switch self {
    case .notFinite(let low, let high):
      "thresholds low \(low) and high \(high) must be finite: recompute them from the training MSEs"
    case .lowAboveHigh(let low, let high):
      "the low threshold \(low) exceeds the high threshold \(high): swap them or refit"
    }
  }
}
