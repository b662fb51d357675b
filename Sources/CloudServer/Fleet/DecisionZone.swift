import Wire

/// How a window was decided: the lesson's three zones, with the ambiguous zone split by who answered.
public enum DecisionZone: String, Codable, Sendable, CaseIterable {
  /// Below the low threshold, decided on the device.
  case normal
  /// Above the high threshold, decided on the device.
  case anomaly
  /// Ambiguous, answered by the cloud.
  case escalated
  /// Ambiguous, decided by the closer threshold because the cloud was out of reach.
  case fallback
}

extension DecisionCounts {
  /// The count of one zone.
  subscript(zone: DecisionZone) -> UInt64 {
    get {
      switch zone {
      case .normal: normal
      case .anomaly: anomaly
      case .escalated: escalated
      case .fallback: fallback
      }
    }
    set {
      switch zone {
      case .normal: normal = newValue
      case .anomaly: anomaly = newValue
      case .escalated: escalated = newValue
      case .fallback: fallback = newValue
      }
    }
  }

  /// Windows that left the device's own thresholds undecided (cloud or fallback).
  var ambiguous: UInt64 { escalated + fallback }

  /// Ambiguous windows as a share of all windows; nil before the first window.
  var escalationRate: Double? { windows == 0 ? nil : Double(ambiguous) / Double(windows) }

  /// The windows decided since `earlier`; nil when a count went down (the device restarted).
  func since(_ earlier: DecisionCounts) -> DecisionCounts? {
    guard DecisionZone.allCases.allSatisfy({ self[$0] >= earlier[$0] }) else { return nil }
    var delta = DecisionCounts()
    for zone in DecisionZone.allCases { delta[zone] = self[zone] - earlier[zone] }
    return delta
  }

  /// Adds `other` zone by zone.
  mutating func add(_ other: DecisionCounts) {
    for zone in DecisionZone.allCases { self[zone] += other[zone] }
  }

  /// One window in `zone`.
  init(zone: DecisionZone) {
    self.init()
    self[zone] = 1
  }
}
