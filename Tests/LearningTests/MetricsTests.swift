import EdgeCore
import Foundation
import Learning
import Testing

@Suite struct RankingMetricsTests {
  @Test func separableScoresGiveAUCOneAndIdenticalScoresOneHalf() throws {
    let labels = [false, false, true, true]
    #expect(try RankingMetrics(scores: [0.1, 0.2, 0.3, 0.4], labels: labels).rocAUC == 1)
    #expect(try RankingMetrics(scores: [0.1, 0.2, 0.3, 0.4], labels: labels).averagePrecision == 1)
    #expect(try RankingMetrics(scores: [0.4, 0.3, 0.2, 0.1], labels: labels).rocAUC == 0)
    #expect(try RankingMetrics(scores: [0.5, 0.5, 0.5, 0.5], labels: labels).rocAUC == 0.5)
    #expect(try RankingMetrics(scores: [0.5, 0.5, 0.5, 0.5], labels: labels).averagePrecision == 0.5)
  }

  @Test func rocAUCMatchesABruteForcePairCountOnRandomDataWithTies() throws {
    var state: UInt64 = 99
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    let labels = (0..<400).map { _ in next() % 3 == 0 }
    // Coarse scores (20 levels) with a shift for anomalies: many ties across and within classes.
    let scores = labels.map { Float(next() % 20 + ($0 ? 4 : 0)) / 10 }
    var wins = 0.0
    var pairs = 0.0
    for (i, positive) in labels.enumerated() where positive {
      for (j, negative) in labels.enumerated() where !negative {
        pairs += 1
        wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0
      }
    }
    let metrics = try RankingMetrics(scores: scores, labels: labels)
    #expect(abs(metrics.rocAUC - wins / pairs) < 1e-12)
    #expect(metrics.positives + metrics.negatives == 400)
  }

  @Test func averagePrecisionMatchesHandComputedExamples() throws {
    // Positives at ranks 1, 3, 4: (1/1 + 2/3 + 3/4) / 3.
    let plain = try RankingMetrics(
      scores: [0.9, 0.8, 0.7, 0.6, 0.5], labels: [true, false, true, true, false])
    #expect(abs(plain.averagePrecision - (1 + 2.0 / 3 + 0.75) / 3) < 1e-12)
    // A tie at 0.8 enters as one step: recall 0.5 at precision 1, then recall 1 at precision 2/3.
    let tied = try RankingMetrics(scores: [0.9, 0.8, 0.8, 0.3], labels: [true, true, false, false])
    #expect(abs(tied.averagePrecision - (0.5 * 1 + 0.5 * 2.0 / 3)) < 1e-12)
  }

  @Test func rankingNeedsBothClassesEqualLengthsAndNoNaN() {
    #expect(throws: MetricsError.needsBothClasses(positives: 0, negatives: 2)) {
      try RankingMetrics(scores: [1, 2], labels: [false, false])
    }
    #expect(throws: MetricsError.lengthMismatch(what: "labels", expected: 2, actual: 1)) {
      try RankingMetrics(scores: [1, 2], labels: [false])
    }
    #expect(throws: MetricsError.nanScore(index: 1)) {
      try RankingMetrics(scores: [1, .nan], labels: [false, true])
    }
  }
}

@Suite struct ConfusionMatrixTests {
  @Test func countsAndRatesOfAKnownDecision() throws {
    let labels = [true, true, true, false, false, false, false, true]
    let predictions = [true, true, false, true, false, false, false, true]
    let m = try ConfusionMatrix(predictions: predictions, labels: labels)
    #expect((m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives) == (3, 1, 3, 1))
    #expect(m.accuracy == 0.75)
    #expect(m.precision == 0.75)
    #expect(m.recall == 0.75)
    #expect(m.falsePositiveRate == 0.25)
    #expect(m.f1 == 0.75)
  }

  @Test func aScoreEqualToTheThresholdIsNormal() throws {
    let m = try ConfusionMatrix(scores: [0.5, 0.5000001, 0.1], labels: [true, true, false], threshold: 0.5)
    #expect((m.truePositives, m.falseNegatives, m.trueNegatives) == (1, 1, 1))
  }

  @Test func undefinedRatesAreNilAndLeftOutOfTheJSON() throws {
    let m = try ConfusionMatrix(predictions: [false, false], labels: [false, false])
    #expect(m.precision == nil && m.recall == nil && m.f1 == nil)
    #expect(m.accuracy == 1 && m.falsePositiveRate == 0)
    let json = try JSONEncoder().encode(m)
    let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "truePositives", "falsePositives", "trueNegatives", "falseNegatives", "accuracy", "falsePositiveRate",
      ])
    #expect(try JSONDecoder().decode(ConfusionMatrix.self, from: json) == m)
  }
}

@Suite struct TieredEvaluationTests {
  @Test func hybridBeatsEdgeOnlyOnAWorkedExample() throws {
    let thresholds = try ZoneThresholds(low: 1, high: 3)
    let mse: [Float] = [0.5, 0.5, 1.5, 2.5, 2.0, 3.5, 3.5, 1.2]
    let labels = [false, true, false, true, true, true, false, true]
    let cloud: [Decision] = [.anomaly, .normal, .normal, .anomaly, .anomaly, .normal, .normal, .anomaly]
    let result = try TieredEvaluation(
      edgeMSE: mse, labels: labels, thresholds: thresholds, cloudDecisions: cloud)
    #expect((result.zones.normalCount, result.zones.ambiguousCount, result.zones.anomalyCount) == (2, 4, 2))
    #expect(result.zones.ambiguous == 0.5)
    // Edge only: 2.0 is the midpoint (tie → normal), 1.2 and 1.5 are closer to low, 2.5 closer to high.
    let edge = result.edgeOnly
    #expect(
      (edge.truePositives, edge.falsePositives, edge.trueNegatives, edge.falseNegatives) == (2, 1, 2, 3))
    #expect(edge.accuracy == 0.5)
    let hybrid = result.hybrid
    #expect(
      (hybrid.truePositives, hybrid.falsePositives, hybrid.trueNegatives, hybrid.falseNegatives) == (
        4, 1, 2, 1
      ))
    #expect(hybrid.accuracy == 0.75)
    #expect(result.ambiguousEdgeOnly.total == 4 && result.ambiguousEdgeOnly.accuracy == 0.5)
    #expect(result.ambiguousHybrid.total == 4 && result.ambiguousHybrid.accuracy == 1)
  }

  @Test func everyPerWindowArrayMustMatchTheMSECount() throws {
    let thresholds = try ZoneThresholds(low: 1, high: 3)
    #expect(throws: MetricsError.lengthMismatch(what: "cloud decisions", expected: 2, actual: 1)) {
      try TieredEvaluation(
        edgeMSE: [1, 2], labels: [true, false], thresholds: thresholds, cloudDecisions: [.normal])
    }
  }
}

@Suite struct ReliabilityTableTests {
  @Test func binsConfidencesAndComputesCalibrationErrors() throws {
    let table = try ReliabilityTable(
      confidences: [0.05, 0.15, 0.95, 0.95, 1.0, 0.55], correct: [false, true, true, true, false, true])
    #expect(table.bins.count == 10)
    #expect(table.bins.map(\.count) == [1, 1, 0, 0, 0, 1, 0, 0, 0, 3])
    #expect(table.bins[2].accuracy == nil)
    #expect(abs((table.bins[9].accuracy ?? 0) - 2.0 / 3) < 1e-12)
    #expect(abs((table.bins[9].meanConfidence ?? 0) - 2.9 / 3) < 1e-12)
    #expect(abs(table.expectedCalibrationError - 0.375) < 1e-12)
    #expect(abs(table.maximumCalibrationError - 0.85) < 1e-12)
  }

  @Test func confidencesOutsideTheUnitIntervalAreRejected() {
    #expect(throws: MetricsError.confidenceOutOfRange(index: 1, value: 1.5)) {
      try ReliabilityTable(confidences: [0.5, 1.5], correct: [true, true])
    }
    #expect(throws: MetricsError.invalidBinCount(0)) {
      try ReliabilityTable(confidences: [0.5], correct: [true], binCount: 0)
    }
  }
}

@Suite struct TextTableTests {
  @Test func columnsAreAlignedNamesLeftNumbersRight() {
    let table = TextTable(header: ["zone", "windows"], rows: [["normal", "950"], ["ambiguous", "40"]])
    #expect(
      table.description == """
        zone       windows
        ---------  -------
        normal         950
        ambiguous       40
        """)
  }

  @Test func metricTablesHaveOneRowPerStrategyWithEqualWidths() throws {
    let thresholds = try ZoneThresholds(low: 1, high: 3)
    let result = try TieredEvaluation(
      edgeMSE: [0.5, 2, 4], labels: [false, true, true], thresholds: thresholds,
      cloudDecisions: [.normal, .anomaly, .anomaly])
    let lines = result.table.description.split(separator: "\n")
    #expect(lines.count == 6)
    #expect(Set(lines.map(\.count)).count == 1)
    #expect(lines[3].hasPrefix("hybrid"))
    #expect(result.zones.table.description.contains("ambiguous"))
    #expect(TextTable.format(nil) == "-" && TextTable.format(0.5) == "0.5000")
  }
}
