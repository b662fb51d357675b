/// When the server retrains by itself: after enough new escalations, or when the last model is old enough.
public struct RetrainingTrigger: Sendable, Equatable {
  /// Unconsumed escalations that start a cycle.
  public var escalationCount: Int
  /// Age of the newest edge model that starts a cycle (when there is at least one new escalation).
  public var interval: Duration
  /// How often the server checks.
  public var checkInterval: Duration

  /// A trigger; the defaults are 500 escalations or 24 hours, checked every 5 seconds.
  public init(
    escalationCount: Int = 500, interval: Duration = .seconds(24 * 3600),
    checkInterval: Duration = .seconds(5)
  ) {
    self.escalationCount = escalationCount
    self.interval = interval
    self.checkInterval = checkInterval
  }

  /// Why a cycle should start now, or nil.
  public func reason(newEscalations: Int, sinceLastModel age: Duration?) -> String? {
    if newEscalations >= escalationCount {
      return "\(newEscalations) new escalations (trigger \(escalationCount))"
    }
    if newEscalations > 0, let age, age >= interval {
      return
        "the newest edge model is \(Int(age / .seconds(1))) s old (trigger \(Int(interval / .seconds(1))) s)"
    }
    return nil
  }
}
