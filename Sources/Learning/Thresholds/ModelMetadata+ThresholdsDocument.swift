import EdgeCore

extension ModelMetadata.Thresholds {
  /// The `.tflite` metadata record of a thresholds document (in single precision), so that the file and the
  /// document always carry the same thresholds.
  public init(_ document: ThresholdsDocument) throws(ModelMetadataError) {
    try self.init(
      low: Float(document.lowThreshold), high: Float(document.highThreshold), mu: Float(document.mu),
      sigma: Float(document.sigma), kLow: Float(document.kLow), kHigh: Float(document.kHigh),
      method: document.method == .quantile ? .quantile : .meanPlusKSigma)
  }
}
