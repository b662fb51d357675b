/// The escalation backoff as an explicit state machine: whether the device may ask the cloud now, and what
/// telemetry reports about it. Pure: the caller passes monotonic milliseconds and random draws in.
///
/// Transitions (`shouldAttempt` → S, success → ✓, failure → ✗):
///
/// | state | S (t < until) | S (t ≥ until) | ✓ | ✗ at t |
/// |---|---|---|---|---|
/// | healthy | true, healthy | true, healthy | healthy | backingOff(t + delay(1), 1) |
/// | backingOff(until, n) | false | true, probing(n) | healthy | unchanged (a late answer) |
/// | probing(n) | false | false | healthy | backingOff(t + delay(n+1), n+1) |
///
/// While healthy, escalations may overlap; a failure answered after the backoff began belongs to a
/// request sent before it and does not lengthen the wait. While probing, one request tests the cloud and
/// every other ambiguous window falls back.
public struct Backoff: Sendable {
  /// Where the machine stands.
  public enum State: Equatable, Sendable {
    /// The cloud answered last time: escalate freely.
    case healthy
    /// `failures` consecutive failures; no attempt before the monotonic time `until` (ms).
    case backingOff(until: UInt64, failures: Int)
    /// The wait is over and one probe request is out; `failures` so far.
    case probing(failures: Int)
  }

  /// The waits this machine uses.
  public let policy: BackoffPolicy
  /// The current state.
  public private(set) var state: State = .healthy

  /// A healthy machine.
  public init(policy: BackoffPolicy) {
    self.policy = policy
  }

  /// Whether an escalation may be sent at monotonic time `now`; a `true` after a wait makes it the probe.
  public mutating func shouldAttempt(at now: UInt64) -> Bool {
    switch state {
    case .healthy:
      return true
    case .backingOff(let until, let failures):
      guard now >= until else { return false }
      state = .probing(failures: failures)
      return true
    case .probing:
      return false
    }
  }

  /// The cloud answered: back to healthy.
  public mutating func recordSuccess() {
    state = .healthy
  }

  /// An escalation failed (timeout, refused, 5xx) at monotonic time `now`; `jitter` in [0, 1) is a random
  /// draw that shortens the wait by up to the policy's jitter fraction.
  public mutating func recordFailure(at now: UInt64, jitter: Double = 0) {
    switch state {
    case .healthy:
      startWaiting(at: now, failures: 1, jitter: jitter)
    case .backingOff:
      break
    case .probing(let failures):
      startWaiting(at: now, failures: failures + 1, jitter: jitter)
    }
  }

  /// Failures since the last success.
  public var consecutiveFailures: Int {
    switch state {
    case .healthy: 0
    case .backingOff(_, let failures), .probing(let failures): failures
    }
  }

  /// Milliseconds left before the next attempt is allowed (0 when healthy or probing).
  public func remainingMilliseconds(at now: UInt64) -> UInt64 {
    guard case .backingOff(let until, _) = state, until > now else { return 0 }
    return until - now
  }

  /// The `backoff_s` of the status topic: seconds left before the next attempt.
  public func backoffSeconds(at now: UInt64) -> Double {
    Double(remainingMilliseconds(at: now)) / 1000
  }

  private mutating func startWaiting(at now: UInt64, failures: Int, jitter: Double) {
    let delay = policy.delayMilliseconds(afterFailures: failures, jitter: jitter)
    let (until, overflow) = now.addingReportingOverflow(delay)
    state = .backingOff(until: overflow ? UInt64.max : until, failures: failures)
  }
}
