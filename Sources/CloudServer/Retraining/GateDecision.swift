/// The gate's verdict on a candidate: pass or fail, and why, in words an operator reads in the registry.
public struct GateDecision: Codable, Sendable, Equatable {
  /// Whether the candidate may go to the canary.
  public var passed: Bool
  /// Why (every failed check, or what passing meant).
  public var reason: String

  /// Compares `candidate` with `current` (nil when no model is current) under `policy`.
  public init(candidate: ModelEvaluation, current: ModelEvaluation?, policy: GatePolicy) {
    guard let current else {
      passed = true
      reason = "gate passed: no current model to compare with (\(Self.describe(candidate)))"
      return
    }
    var failures: [String] = []
    if let old = current.rocAUC {
      if let new = candidate.rocAUC {
        if new < old - policy.rocAUCTolerance {
          failures.append(
            "ROC AUC fell from \(Self.format(old)) to \(Self.format(new)) (tolerance \(policy.rocAUCTolerance))"
          )
        }
      } else {
        failures.append("ROC AUC could not be measured for the candidate")
      }
    }
    if candidate.edgeAccuracy < current.edgeAccuracy - policy.accuracyTolerance {
      failures.append(
        "edge accuracy fell from \(Self.format(current.edgeAccuracy)) to \(Self.format(candidate.edgeAccuracy))"
          + " (tolerance \(policy.accuracyTolerance))")
    }
    passed = failures.isEmpty
    reason =
      passed
      ? "gate passed: \(Self.describe(candidate)) vs current \(Self.describe(current))"
      : "gate failed: " + failures.joined(separator: "; ")
  }

  private static func describe(_ evaluation: ModelEvaluation) -> String {
    "AUC \(evaluation.rocAUC.map(format) ?? "n/a"), accuracy \(format(evaluation.edgeAccuracy)),"
      + " escalation rate \(format(evaluation.escalationRate))"
  }

  private static func format(_ value: Double) -> String {
    String(Double(Int((value * 10_000).rounded())) / 10_000)
  }
}
