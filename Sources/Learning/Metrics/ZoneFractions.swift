import EdgeCore

/// How many windows fall in each zone: the ambiguous fraction is the share escalated to the cloud.
public struct ZoneFractions: Codable, Equatable, Sendable {
  /// Windows below the low threshold.
  public let normalCount: Int
  /// Windows between the thresholds.
  public let ambiguousCount: Int
  /// Windows above the high threshold.
  public let anomalyCount: Int
  /// Fraction decided normal on the device (0 when there are no windows).
  public let normal: Double
  /// Fraction escalated to the cloud.
  public let ambiguous: Double
  /// Fraction decided anomalous on the device.
  public let anomaly: Double

  /// Counts the zones of `zones`.
  public init(_ zones: [Zone]) {
    let total = Double(max(zones.count, 1))
    normalCount = zones.count(where: { $0 == .normal })
    ambiguousCount = zones.count(where: { $0 == .ambiguous })
    anomalyCount = zones.count(where: { $0 == .anomaly })
    normal = Double(normalCount) / total
    ambiguous = Double(ambiguousCount) / total
    anomaly = Double(anomalyCount) / total
  }

  /// All windows counted.
  public var total: Int { normalCount + ambiguousCount + anomalyCount }
}
