/// Terminal tables for the metric types. Their JSON form is their `Codable` encoding, keyed by the Swift
/// property names (encode with `.convertToSnakeCase` for `roc_auc`-style keys).
extension RankingMetrics {
  /// ROC AUC and average precision with the class counts.
  public var table: TextTable {
    TextTable(
      header: ["metric", "value"],
      rows: [
        ["ROC AUC", TextTable.format(rocAUC)],
        ["PR AUC (average precision)", TextTable.format(averagePrecision)],
        ["anomalous windows", String(positives)],
        ["normal windows", String(negatives)],
      ])
  }
}

extension ConfusionMatrix {
  /// One row per named matrix: counts and rates side by side.
  public static func table(_ named: [(name: String, matrix: ConfusionMatrix)]) -> TextTable {
    var table = TextTable(
      header: ["decision", "windows", "accuracy", "precision", "recall", "fpr", "f1", "tp", "fp", "tn", "fn"])
    for (name, m) in named {
      table.append(
        [name, String(m.total)]
          + [m.accuracy, m.precision, m.recall, m.falsePositiveRate, m.f1].map { TextTable.format($0) }
          + [m.truePositives, m.falsePositives, m.trueNegatives, m.falseNegatives].map(String.init))
    }
    return table
  }
}

extension ZoneFractions {
  /// Count and fraction of each zone.
  public var table: TextTable {
    TextTable(
      header: ["zone", "windows", "fraction"],
      rows: [
        ["normal", String(normalCount), TextTable.format(normal)],
        ["ambiguous", String(ambiguousCount), TextTable.format(ambiguous)],
        ["anomaly", String(anomalyCount), TextTable.format(anomaly)],
      ])
  }
}

extension TieredEvaluation {
  /// Edge-only and hybrid decisions, over all windows and over the ambiguous ones.
  public var table: TextTable {
    ConfusionMatrix.table([
      ("edge only", edgeOnly), ("hybrid", hybrid),
      ("ambiguous: edge only", ambiguousEdgeOnly), ("ambiguous: hybrid", ambiguousHybrid),
    ])
  }
}

extension ReliabilityTable {
  /// One row per confidence bin, then the calibration errors.
  public var table: TextTable {
    var table = TextTable(header: ["confidence", "windows", "mean confidence", "accuracy"])
    for bin in bins {
      table.append([
        "\(TextTable.format(bin.lower, digits: 2))-\(TextTable.format(bin.upper, digits: 2))",
        String(bin.count),
        TextTable.format(bin.meanConfidence), TextTable.format(bin.accuracy),
      ])
    }
    table.append(["ECE", "", "", TextTable.format(expectedCalibrationError)])
    table.append(["MCE", "", "", TextTable.format(maximumCalibrationError)])
    return table
  }
}
