import EdgeCore

/// The lesson's tiered decision for one window, with the cloud-failure backoff: decide locally when the MSE
/// is clearly normal or anomalous, escalate an ambiguous window when the backoff allows, otherwise take the
/// closer threshold (and the loop queues the window for upload). Pure: MSE and monotonic time come in.
public struct TieredDecider: Sendable {
  /// What the loop does with a window.
  public enum Step: Equatable, Sendable {
    /// Act on this verdict now; nothing to send.
    case local(Decision)
    /// Ask the cloud (`POST /classify`, 5 s timeout) and report the outcome back.
    case escalate
    /// The cloud is backed off: act on this closer-threshold verdict and queue the window for upload.
    case fallback(Decision)
  }

  /// The zone limits in force (they change with an OTA update).
  public private(set) var thresholds: ZoneThresholds
  /// The cloud-failure backoff.
  public private(set) var backoff: Backoff

  /// A decider with `thresholds`, its backoff healthy.
  public init(thresholds: ZoneThresholds, backoffPolicy: BackoffPolicy = .lesson) {
    self.thresholds = thresholds
    backoff = Backoff(policy: backoffPolicy)
  }

  /// The step for a window with edge MSE `mse` at monotonic time `now` (ms).
  public mutating func step(mse: Float, at now: UInt64) -> Step {
    if let decision = thresholds.classify(mse).localDecision { return .local(decision) }
    return backoff.shouldAttempt(at: now) ? .escalate : .fallback(thresholds.fallbackDecision(mse))
  }

  /// The step for a window in pure-cloud mode: every window asks the cloud while the backoff allows,
  /// otherwise the edge decides (by the closer threshold for an ambiguous window).
  public mutating func stepCloudFirst(mse: Float, at now: UInt64) -> Step {
    if backoff.shouldAttempt(at: now) { return .escalate }
    let decision = thresholds.fallbackDecision(mse)
    return thresholds.classify(mse) == .ambiguous ? .fallback(decision) : .local(decision)
  }

  /// The cloud answered an escalation; true when it had been failing, i.e. time to drain the queue.
  public mutating func cloudAnswered() -> Bool {
    let wasFailing = backoff.state != .healthy
    backoff.recordSuccess()
    return wasFailing
  }

  /// An escalation of a window with edge MSE `mse` failed at `now`; returns the closer-threshold verdict to
  /// act on (the loop queues the window). `jitter` in [0, 1) is a random draw for the backoff.
  public mutating func cloudFailed(mse: Float, at now: UInt64, jitter: Double = 0) -> Decision {
    backoff.recordFailure(at: now, jitter: jitter)
    return thresholds.fallbackDecision(mse)
  }

  /// Puts new thresholds in force (those that came with an updated model).
  public mutating func use(_ thresholds: ZoneThresholds) {
    self.thresholds = thresholds
  }
}
