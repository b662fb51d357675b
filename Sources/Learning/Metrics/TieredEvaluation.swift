import EdgeCore

/// Edge-only versus hybrid decisions over a labelled set: what escalating the ambiguous zone buys.
///
/// Both strategies decide normal and anomaly zones on the device. For ambiguous windows, edge-only uses
/// the closer-threshold fallback (`ZoneThresholds.fallbackDecision`, a tie is normal) and hybrid uses the
/// cloud's decision for that window.
public struct TieredEvaluation: Codable, Equatable, Sendable {
  /// Share of windows in each zone.
  public let zones: ZoneFractions
  /// All windows, ambiguous ones decided by the closer threshold.
  public let edgeOnly: ConfusionMatrix
  /// All windows, ambiguous ones decided by the cloud.
  public let hybrid: ConfusionMatrix
  /// Ambiguous windows only, decided by the closer threshold.
  public let ambiguousEdgeOnly: ConfusionMatrix
  /// Ambiguous windows only, decided by the cloud.
  public let ambiguousHybrid: ConfusionMatrix

  /// Evaluates both strategies; `cloudDecisions` holds the cloud's verdict for every window (only the
  /// ambiguous ones are used), `labels` the truth (true = anomaly).
  public init(edgeMSE: [Float], labels: [Bool], thresholds: ZoneThresholds, cloudDecisions: [Decision])
    throws(MetricsError)
  {
    try MetricsError.checkLength("labels", labels.count, windows: edgeMSE.count)
    try MetricsError.checkLength("cloud decisions", cloudDecisions.count, windows: edgeMSE.count)
    let zones = edgeMSE.map(thresholds.classify)
    let edge = edgeMSE.map { thresholds.fallbackDecision($0) == .anomaly }
    let tiered = edgeMSE.indices.map { (zones[$0].localDecision ?? cloudDecisions[$0]) == .anomaly }
    let ambiguous = edgeMSE.indices.filter { zones[$0] == .ambiguous }
    self.zones = ZoneFractions(zones)
    edgeOnly = try ConfusionMatrix(predictions: edge, labels: labels)
    hybrid = try ConfusionMatrix(predictions: tiered, labels: labels)
    let ambiguousLabels = ambiguous.map { labels[$0] }
    ambiguousEdgeOnly = try ConfusionMatrix(predictions: ambiguous.map { edge[$0] }, labels: ambiguousLabels)
    ambiguousHybrid = try ConfusionMatrix(predictions: ambiguous.map { tiered[$0] }, labels: ambiguousLabels)
  }
}
