import EdgeCore

/// How a hybrid detector did on a labelled set: each model's ranking quality, the edge's zones and
/// edge-only vs hybrid vs cloud-only accuracy — the lesson's decision table, measured.
public struct HybridReport: Codable, Equatable, Sendable {
  /// One model's anomaly-score quality.
  public struct Ranking: Codable, Equatable, Sendable {
    /// What the model is (e.g. "edge int8 raw").
    public var model: String
    /// ROC AUC and average precision of its MSE as an anomaly score.
    public var metrics: RankingMetrics
  }

  /// Windows evaluated.
  public var windows: Int
  /// Ranking quality of every model given, edge first, then cloud, then the extras.
  public var rankings: [Ranking]
  /// The edge's zone thresholds in MSE units.
  public var edgeLow: Double
  /// Upper edge threshold.
  public var edgeHigh: Double
  /// The cloud's decision threshold in its own MSE units.
  public var cloudThreshold: Double
  /// Zones, edge-only and hybrid accuracy, and both on the ambiguous windows alone.
  public var tiered: TieredEvaluation
  /// Every window sent to the cloud model.
  public var cloudOnly: ConfusionMatrix

  /// Evaluates edge and cloud scores of the same windows against their labels (true = anomaly).
  public init(
    labels: [Bool], edgeName: String, edgeMSE: [Float], edgeThresholds: ZoneThresholds, cloudName: String,
    cloudMSE: [Float], cloudThreshold: Float, extraRankings: [(name: String, mse: [Float])] = []
  ) throws(MetricsError) {
    let cloudDecisions = cloudMSE.map { $0 > cloudThreshold ? Decision.anomaly : Decision.normal }
    var rankings = [
      Ranking(model: edgeName, metrics: try RankingMetrics(scores: edgeMSE, labels: labels)),
      Ranking(model: cloudName, metrics: try RankingMetrics(scores: cloudMSE, labels: labels)),
    ]
    for extra in extraRankings {
      rankings.append(Ranking(model: extra.name, metrics: try RankingMetrics(scores: extra.mse, labels: labels)))
    }
    self.windows = labels.count
    self.rankings = rankings
    self.edgeLow = Double(edgeThresholds.low)
    self.edgeHigh = Double(edgeThresholds.high)
    self.cloudThreshold = Double(cloudThreshold)
    self.tiered = try TieredEvaluation(
      edgeMSE: edgeMSE, labels: labels, thresholds: edgeThresholds, cloudDecisions: cloudDecisions)
    self.cloudOnly = try ConfusionMatrix(scores: cloudMSE, labels: labels, threshold: cloudThreshold)
  }

  /// Ranking quality, zones and the three deployment modes as aligned text tables.
  public var tables: String {
    var ranking = TextTable(header: ["model", "ROC AUC", "PR AUC"])
    for entry in rankings {
      ranking.append([
        entry.model, TextTable.format(entry.metrics.rocAUC), TextTable.format(entry.metrics.averagePrecision),
      ])
    }
    let modes = ConfusionMatrix.table([
      (name: "edge only (ambiguous → closer threshold)", matrix: tiered.edgeOnly),
      (name: "hybrid (ambiguous → cloud)", matrix: tiered.hybrid),
      (name: "cloud only", matrix: cloudOnly),
      (name: "ambiguous windows: closer threshold", matrix: tiered.ambiguousEdgeOnly),
      (name: "ambiguous windows: cloud", matrix: tiered.ambiguousHybrid),
    ])
    return [
      "\(windows) windows; edge zones low \(TextTable.format(edgeLow)) high \(TextTable.format(edgeHigh)); "
        + "cloud decides at \(TextTable.format(cloudThreshold))",
      ranking.description, tiered.zones.table.description, modes.description,
    ].joined(separator: "\n\n")
  }
}
