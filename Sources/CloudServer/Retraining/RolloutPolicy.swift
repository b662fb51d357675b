/// When a canary has shown enough and what counts as worse than its devices did before (or than the rest).
public struct RolloutPolicy: Sendable, Equatable {
  /// Windows the canary devices must have reported on the new version, and on the version before (or the rest
  /// of the fleet), before a decision.
  public var minimumWindows: Int
  /// The canary's escalation rate may be at most this multiple of the reference's (plus `escalationRateSlack`).
  public var maximumEscalationRatio: Double
  /// Absolute slack on the escalation-rate comparison, so tiny rates do not decide alone.
  public var escalationRateSlack: Double
  /// The canary's anomaly rate may exceed the reference's by at most this (absolute): more would be false
  /// alarms.
  public var maximumAnomalyRateIncrease: Double
  /// The canary's anomaly rate may fall below the reference's by at most this (absolute), nil for no limit: a
  /// model that stops seeing anomalies may have learned them.
  public var maximumAnomalyRateDrop: Double?

  /// A policy; the defaults decide after 1,000 windows on each side, allow 1.5× the escalation rate (+1 %)
  /// and 2 % more anomalies, and do not limit a drop in anomalies (drift fixes cause them).
  public init(
    minimumWindows: Int = 1_000, maximumEscalationRatio: Double = 1.5, escalationRateSlack: Double = 0.01,
    maximumAnomalyRateIncrease: Double = 0.02, maximumAnomalyRateDrop: Double? = nil
  ) {
    self.minimumWindows = minimumWindows
    self.maximumEscalationRatio = maximumEscalationRatio
    self.escalationRateSlack = escalationRateSlack
    self.maximumAnomalyRateIncrease = maximumAnomalyRateIncrease
    self.maximumAnomalyRateDrop = maximumAnomalyRateDrop
  }

  /// Promote, roll back or wait: roll back at once when a canary device went back from it on its own; else the
  /// canary devices on the new version against the same devices on the version before (`baseline`) when they
  /// reported enough on it, else against the rest of the fleet over the same time.
  ///
  /// A device is the best control for itself: machines differ far more from each other (load, mounting,
  /// drift) than a model changes one, so a one-device canary on a busy machine would look worse than a quiet
  /// fleet under any model.
  public func decide(
    canary: ModelVersionTelemetry, baseline: ModelVersionTelemetry, rest: ModelVersionTelemetry
  ) -> RolloutDecision {
    if canary.rollbacks > 0 {
      return .rollBack(
        "\(canary.rollbacks) of its \(canary.devices) canary devices rolled it back on their own"
          + " (a failed self-test or their health watch)")
    }
    let ownPast = baseline.windows >= minimumWindows
    let reference = ownPast ? baseline : rest
    guard canary.windows >= minimumWindows, reference.windows >= minimumWindows else {
      return .wait(
        "canary has \(canary.windows) windows, its devices before \(baseline.windows), the rest \(rest.windows);"
          + " \(minimumWindows) needed on the canary and on its devices before or on the rest")
    }
    let against = ownPast ? "the same devices on the previous version" : "the rest of the fleet"
    let summary =
      "escalation rate \(Self.percent(canary.escalationRate)) vs \(Self.percent(reference.escalationRate)),"
      + " anomaly rate \(Self.percent(canary.anomalyRate)) vs \(Self.percent(reference.anomalyRate))"
      + " over \(canary.windows) canary windows and \(reference.windows) of \(against)"
    var problems: [String] = []
    if canary.escalationRate > reference.escalationRate * maximumEscalationRatio + escalationRateSlack {
      problems.append("escalates more")
    }
    if canary.anomalyRate > reference.anomalyRate + maximumAnomalyRateIncrease {
      problems.append("raises more anomalies")
    }
    if let drop = maximumAnomalyRateDrop, canary.anomalyRate < reference.anomalyRate - drop {
      problems.append("misses anomalies \(ownPast ? "its devices saw before" : "the rest sees")")
    }
    if problems.isEmpty { return .promote("canary healthy: \(summary)") }
    return .rollBack("canary " + problems.joined(separator: " and ") + ": \(summary)")
  }

  private static func percent(_ rate: Double) -> String { "\(Double(Int((rate * 1_000).rounded())) / 10) %" }
}

/// What the rollout controller does with a canary.
public enum RolloutDecision: Sendable, Equatable {
  /// Not enough telemetry yet.
  case wait(String)
  /// Serve it to every device.
  case promote(String)
  /// Withdraw it and mark it bad.
  case rollBack(String)

  /// Whether the canary moved (promoted or rolled back).
  public var changesRegistry: Bool {
    if case .wait = self { return false }
    return true
  }

  /// Why.
  public var reason: String {
    switch self {
    case .wait(let reason), .promote(let reason), .rollBack(let reason): reason
    }
  }
}
