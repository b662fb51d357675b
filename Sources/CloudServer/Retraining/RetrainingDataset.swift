import EdgeCore
import Learning

/// One cycle's data: normal windows to train on, a labelled validation set, and the escalations it consumed.
///
/// Normal windows are base windows plus escalations labelled normal (by an operator, or by the cloud with
/// enough confidence); a seeded share of both is held back for validation. Anomalies (operator or cloud)
/// never train the autoencoder: they all go to validation, with the labelled validation file.
public struct RetrainingDataset: Sendable {
  /// Normal windows the autoencoder learns.
  public let training: Matrix
  /// Labelled windows the gate measures both models on.
  public let validation: Matrix
  /// Labels of `validation` (true = anomaly).
  public let validationLabels: [Bool]
  /// Store ids of every escalation this cycle read (archived with the new version).
  public let consumedIDs: [Int64]
  /// Where the windows came from.
  public let counts: RetrainingSampleCounts

  /// Splits base data and escalations as described above, reproducibly from `seed`.
  public init(
    base: RetrainingBaseData, escalations: [StoredEscalation], minimumCloudConfidence: Double,
    holdOutFraction: Double, seed: UInt64
  ) {
    var random = SplitMix64(seed: seed)
    var training: [Float] = []
    var validation: [Float] = []
    var labels: [Bool] = []
    var counts = RetrainingSampleCounts()
    func holdBack() -> Bool { Double(random.next() >> 11) / Double(1 << 53) < holdOutFraction }
    let width = base.normalWindows.cols
    for row in 0..<base.normalWindows.rows {
      let window = base.normalWindows.values[row * width..<(row + 1) * width]
      if holdBack() {
        validation += window
        labels.append(false)
        counts.heldBackNormal += 1
      } else {
        training += window
        counts.baseTraining += 1
      }
    }
    for escalation in escalations where escalation.features.count == width {
      if escalation.operatorLabel != nil { counts.operatorLabelled += 1 }
      if escalation.effectiveLabel == 1 {
        validation += escalation.features
        labels.append(true)
        counts.anomalousEscalations += 1
      } else if escalation.operatorLabel == nil && escalation.confidence < minimumCloudConfidence {
        counts.uncertainEscalations += 1
      } else if holdBack() {
        validation += escalation.features
        labels.append(false)
        counts.heldBackNormal += 1
      } else {
        training += escalation.features
        counts.normalEscalations += 1
      }
    }
    if let extra = base.validationWindows {
      validation += extra.values
      labels += base.validationLabels.map { $0 == 1 }
      counts.validationFile = extra.rows
    }
    self.training = Matrix(rows: training.count / max(width, 1), cols: width, values: training)
    self.validation = Matrix(rows: labels.count, cols: width, values: validation)
    validationLabels = labels
    consumedIDs = escalations.compactMap(\.id)
    self.counts = counts
  }
}

/// How many windows of each kind a cycle used.
public struct RetrainingSampleCounts: Codable, Sendable, Equatable {
  /// Base windows trained on.
  public var baseTraining = 0
  /// Escalations judged normal (operator, or cloud above the bar) trained on.
  public var normalEscalations = 0
  /// Escalations judged anomalous: validation only.
  public var anomalousEscalations = 0
  /// Escalations the cloud called normal below the confidence bar: not used.
  public var uncertainEscalations = 0
  /// Escalations an operator labelled (their label overrode the cloud).
  public var operatorLabelled = 0
  /// Normal windows (base or escalated) held back for validation.
  public var heldBackNormal = 0
  /// Windows from the labelled validation file.
  public var validationFile = 0

  /// Counts starting at zero.
  public init() {}

  enum CodingKeys: String, CodingKey {
    case baseTraining = "base_training"
    case normalEscalations = "normal_escalations"
    case anomalousEscalations = "anomalous_escalations"
    case uncertainEscalations = "uncertain_escalations"
    case operatorLabelled = "operator_labelled"
    case heldBackNormal = "held_back_normal"
    case validationFile = "validation_file"
  }
}
