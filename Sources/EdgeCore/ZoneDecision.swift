/// The three zones of the lesson's tiered inference: act locally when sure, ask the cloud when not.
public enum Zone: UInt8, Sendable, CaseIterable {
  /// MSE below the low threshold: normal, decided on the device.
  case normal = 0
  /// MSE between the thresholds (inclusive): escalate to the cloud.
  case ambiguous = 1
  /// MSE above the high threshold: anomaly, decided on the device.
  case anomaly = 2
}

/// A final verdict on one window.
public enum Decision: UInt8, Sendable, CaseIterable {
  /// The machine runs normally.
  case normal = 0
  /// The window is anomalous.
  case anomaly = 1
}

/// Why a pair of thresholds cannot be used.
public enum ZoneThresholdsError: Error, Equatable, Sendable {
  /// A threshold is NaN or infinite: recompute them from finite training MSEs.
  case notFinite(low: Float, high: Float)
  /// The low threshold exceeds the high one: swap them or refit.
  case lowAboveHigh(low: Float, high: Float)
}

/// The low and high MSE thresholds that split windows into the three zones (validated: finite, low ≤ high).
public struct ZoneThresholds: Equatable, Sendable {
  /// Below this MSE a window is normal (the lesson: μ + 2σ of the training MSE).
  public let low: Float
  /// Above this MSE a window is an anomaly (the lesson: μ + 4σ).
  public let high: Float

  /// Validated thresholds.
  public init(low: Float, high: Float) throws(ZoneThresholdsError) {
    guard low.isFinite && high.isFinite else { throw .notFinite(low: low, high: high) }
    guard low <= high else { throw .lowAboveHigh(low: low, high: high) }
    self.low = low
    self.high = high
  }

  /// The lesson's `classify_mse`: `mse < low` → normal, `mse > high` → anomaly, otherwise ambiguous
  /// (so both thresholds themselves, and a NaN MSE, are ambiguous).
  public func classify(_ mse: Float) -> Zone {
    if mse < low { return .normal }
    if mse > high { return .anomaly }
    return .ambiguous
  }

  /// The decision when the cloud cannot be reached: the zone's own verdict, and for ambiguous windows the
  /// closer threshold — anomaly only if `mse − low > high − mse` (a tie, e.g. the midpoint, is normal; a
  /// NaN MSE is an anomaly, since a broken window needs attention).
  public func fallbackDecision(_ mse: Float) -> Decision {
    switch classify(mse) {
    case .normal: return .normal
    case .anomaly: return .anomaly
    case .ambiguous: return mse - low > high - mse || mse.isNaN ? .anomaly : .normal
    }
  }
}

extension Zone {
  /// The verdict this zone decides on the device, or nil for ambiguous (ask the cloud).
  public var localDecision: Decision? {
    switch self {
    case .normal: .normal
    case .anomaly: .anomaly
    case .ambiguous: nil
    }
  }
}
