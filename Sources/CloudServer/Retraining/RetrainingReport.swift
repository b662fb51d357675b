import Foundation
import Wire

/// What one retraining cycle did: the candidate it registered, its data, training, thresholds and gate.
///
/// Stored (as JSON) as the candidate's training statistics, returned to callers (CLI, scheduler, fleet
/// driver), and logged.
public struct RetrainingReport: Codable, Sendable, Equatable {
  /// The registered candidate's version.
  public var version: Int
  /// The model that was current when the cycle ran (the gate's reference), if any.
  public var baselineVersion: Int?
  /// Whether training continued from the current model's float weights.
  public var warmStart: Bool
  /// Where the windows came from.
  public var samples: RetrainingSampleCounts
  /// Epochs run.
  public var epochs: Int
  /// Training loss of the last epoch.
  public var trainLoss: Double?
  /// Validation loss (held-back normal windows) of the best epoch.
  public var validationLoss: Double?
  /// Seconds spent training, quantizing and evaluating.
  public var seconds: Double
  /// The candidate's thresholds (fitted to its int8 MSE).
  public var thresholds: ThresholdsResponse
  /// The candidate's size as `.tflite`.
  public var sizeBytes: Int
  /// The candidate on the validation set.
  public var candidate: ModelEvaluation
  /// The baseline on the same set.
  public var baseline: ModelEvaluation?
  /// The gate's verdict.
  public var gate: GateDecision
  /// Escalations archived as consumed by this version.
  public var consumedEscalations: Int

  /// The escalation rate the candidate should show on normal traffic (its rate on normal validation windows).
  public var expectedEscalationRate: Double

  enum CodingKeys: String, CodingKey {
    case version, samples, epochs, seconds, thresholds, candidate, baseline, gate
    case baselineVersion = "baseline_version"
    case warmStart = "warm_start"
    case trainLoss = "train_loss"
    case validationLoss = "validation_loss"
    case sizeBytes = "size_bytes"
    case consumedEscalations = "consumed_escalations"
    case expectedEscalationRate = "expected_escalation_rate"
  }

  /// A report from its parts.
  public init(
    version: Int, baselineVersion: Int?, warmStart: Bool, samples: RetrainingSampleCounts, epochs: Int,
    trainLoss: Double?, validationLoss: Double?, seconds: Double, thresholds: ThresholdsResponse,
    sizeBytes: Int,
    candidate: ModelEvaluation, baseline: ModelEvaluation?, gate: GateDecision, consumedEscalations: Int
  ) {
    self.version = version
    self.baselineVersion = baselineVersion
    self.warmStart = warmStart
    self.samples = samples
    self.epochs = epochs
    self.trainLoss = trainLoss
    self.validationLoss = validationLoss
    self.seconds = seconds
    self.thresholds = thresholds
    self.sizeBytes = sizeBytes
    self.candidate = candidate
    self.baseline = baseline
    self.gate = gate
    self.consumedEscalations = consumedEscalations
    expectedEscalationRate = candidate.escalationRate
  }

  /// The report as a compact JSON object (the registry's training statistics).
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
