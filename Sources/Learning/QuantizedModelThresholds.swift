import EdgeCore

/// Why thresholds could not be derived from the quantized model's MSEs.
public enum QuantizedThresholdsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No MSEs were given.
  case noWindows
  /// A window's MSE is negative, NaN or infinite.
  case invalidMSE(window: Int, value: Float)
  /// The computed thresholds are not valid metadata thresholds.
  case invalidThresholds(ModelMetadataError)

  /// A message that says what is wrong and what to do.
  public var description: String {
    switch self {
    case .noWindows:
      "no MSEs of the quantized model: run the int8 model over the training windows first"
    case .invalidMSE(let window, let value):
      "the quantized model's MSE of training window \(window) is \(value): check the model and its input scaling"
    case .invalidThresholds(let error):
      "the thresholds computed from the quantized MSEs are invalid (\(error)): low must not exceed high, all finite"
    }
  }
}

/// The thresholds of an int8 model: float thresholds do not fit int8 reconstructions, so the metadata's thresholds
/// are derived from the MSEs that the quantized model itself produces on the training windows.
public enum QuantizedModelThresholds {
  /// What the thresholds code derives from a set of MSEs.
  public typealias Statistics = (low: Float, high: Float, mu: Float, sigma: Float, kLow: Float, kHigh: Float)

  /// Checks the quantized model's training MSEs, has `compute` derive the thresholds, and packs them for metadata.
  public static func thresholds(
    fromQuantizedMSEs mses: [Float], method: ModelMetadata.ThresholdMethod = .meanPlusKSigma,
    computedBy compute: ([Float]) -> Statistics
  ) throws(QuantizedThresholdsError) -> ModelMetadata.Thresholds {
    guard !mses.isEmpty else { throw .noWindows }
    if let bad = mses.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
      throw .invalidMSE(window: bad, value: mses[bad])
    }
    let statistics = compute(mses)
    do {
      return try ModelMetadata.Thresholds(
        low: statistics.low, high: statistics.high, mu: statistics.mu, sigma: statistics.sigma,
        kLow: statistics.kLow, kHigh: statistics.kHigh, method: method)
    } catch {
      throw .invalidThresholds(error)
    }
  }
}
