/// Threshold-free quality of an anomaly score: how well it ranks anomalous windows above normal ones.
public struct RankingMetrics: Codable, Equatable, Sendable {
  /// Area under the ROC curve: the probability that a random anomalous window scores above a random
  /// normal one, ties counting one half (Mann–Whitney U with average ranks; equals the trapezoidal area).
  public var rocAUC: Double
  /// Area under the precision–recall curve as average precision: `Σₙ (Rₙ − Rₙ₋₁)·Pₙ` over the distinct
  /// scores from high to low, tied scores entering together (scikit-learn's `average_precision_score`,
  /// a step function without interpolation).
  public var averagePrecision: Double
  /// Anomalous windows.
  public var positives: Int
  /// Normal windows.
  public var negatives: Int

  /// Metrics of `scores` (higher = more anomalous) against `labels` (true = anomaly).
  public init(scores: [Float], labels: [Bool]) throws(MetricsError) {
    let groups = try RankingMetrics.tieGroups(scores: scores, labels: labels)
    positives = groups.reduce(0) { $0 + $1.positives }
    negatives = groups.reduce(0) { $0 + $1.negatives }
    guard positives > 0 && negatives > 0 else {
      throw .needsBothClasses(positives: positives, negatives: negatives)
    }
    rocAUC = RankingMetrics.rocAUC(groups, positives: positives, negatives: negatives)
    averagePrecision = RankingMetrics.averagePrecision(groups, positives: positives)
  }

  /// Windows sharing one score value, in decreasing score order.
  struct TieGroup {
    var positives = 0
    var negatives = 0
  }

  /// Groups windows by equal score, highest score first.
  static func tieGroups(scores: [Float], labels: [Bool]) throws(MetricsError) -> [TieGroup] {
    try MetricsError.checkLength("labels", labels.count, windows: scores.count)
    if let bad = scores.firstIndex(where: \.isNaN) { throw .nanScore(index: bad) }
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var groups: [TieGroup] = []
    var previous: Float?
    for index in order {
      if scores[index] != previous {
        groups.append(TieGroup())
        previous = scores[index]
      }
      if labels[index] {
        groups[groups.count - 1].positives += 1
      } else {
        groups[groups.count - 1].negatives += 1
      }
    }
    return groups
  }

  /// Pairs (anomalous above normal) + ½·(tied pairs), over all pairs.
  private static func rocAUC(_ groups: [TieGroup], positives: Int, negatives: Int) -> Double {
    var wins = 0.0
    var negativesBelow = negatives
    for group in groups {
      negativesBelow -= group.negatives
      wins += Double(group.positives) * (Double(negativesBelow) + 0.5 * Double(group.negatives))
    }
    return wins / (Double(positives) * Double(negatives))
  }

  private static func averagePrecision(_ groups: [TieGroup], positives: Int) -> Double {
    var truePositives = 0
    var flagged = 0
    var sum = 0.0
    for group in groups {
      truePositives += group.positives
      flagged += group.positives + group.negatives
      let recallGain = Double(group.positives) / Double(positives)
      sum += recallGain * Double(truePositives) / Double(flagged)
    }
    return sum
  }
}
