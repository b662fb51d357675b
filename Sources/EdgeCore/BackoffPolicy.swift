/// How long a device waits before asking the cloud again after consecutive failures (lesson exercise 3:
/// 1 min, 2, 4, … up to 30 min), with times in milliseconds so tests and simulations can compress them.
public struct BackoffPolicy: Equatable, Sendable {
  /// Wait after the first failure.
  public let baseMilliseconds: UInt64
  /// Longest wait, however many failures.
  public let maximumMilliseconds: UInt64
  /// Each further failure multiplies the wait by this.
  public let factor: UInt64
  /// Up to this fraction of a wait is shaved off at random (0 = exact waits), so a fleet that lost the cloud
  /// together does not come back in lockstep.
  public let jitterFraction: Double

  /// A validated policy: `0 < base ≤ maximum`, `factor ≥ 1`, `0 ≤ jitterFraction ≤ 1`.
  public init(
    baseMilliseconds: UInt64, maximumMilliseconds: UInt64, factor: UInt64 = 2, jitterFraction: Double = 0
  ) throws(BackoffPolicyError) {
    guard baseMilliseconds > 0 else { throw .zeroBase }
    guard maximumMilliseconds >= baseMilliseconds else {
      throw .maximumBelowBase(base: baseMilliseconds, maximum: maximumMilliseconds)
    }
    guard factor >= 1 else { throw .factorBelowOne }
    guard jitterFraction >= 0 && jitterFraction <= 1 else { throw .jitterOutOfRange(jitterFraction) }
    self.baseMilliseconds = baseMilliseconds
    self.maximumMilliseconds = maximumMilliseconds
    self.factor = factor
    self.jitterFraction = jitterFraction
  }

  /// The lesson's policy: 1 minute doubling up to 30 minutes, no jitter.
  public static let lesson = BackoffPolicy(
    uncheckedBase: 60_000, maximum: 1_800_000, factor: 2, jitterFraction: 0)

  /// The wait after `failures` consecutive failures (≥ 1): `min(base · factor^(failures−1), maximum)`, minus
  /// `jitterFraction · unit` of it, where `unit` in [0, 1) is the caller's random draw.
  public func delayMilliseconds(afterFailures failures: Int, jitter unit: Double = 0) -> UInt64 {
    precondition(failures >= 1, "a backoff delay follows at least one failure")
    var delay = baseMilliseconds
    var step = 1
    while step < failures && delay < maximumMilliseconds {
      let (product, overflow) = delay.multipliedReportingOverflow(by: factor)
      delay = overflow ? maximumMilliseconds : product
      step += 1
    }
    delay = min(delay, maximumMilliseconds)
    let draw = min(max(unit, 0), 1)
    let shaved = UInt64(Double(delay) * jitterFraction * draw)
    return delay - min(shaved, delay - 1)
  }

  private init(uncheckedBase base: UInt64, maximum: UInt64, factor: UInt64, jitterFraction: Double) {
    baseMilliseconds = base
    maximumMilliseconds = maximum
    self.factor = factor
    self.jitterFraction = jitterFraction
  }
}

/// Why backoff settings were refused.
public enum BackoffPolicyError: Error, Equatable, Sendable {
  /// The first wait is zero: give a positive base.
  case zeroBase
  /// The maximum wait is shorter than the first one: raise the maximum or lower the base.
  case maximumBelowBase(base: UInt64, maximum: UInt64)
  /// A factor of zero would shrink the waits: use 1 (constant) or more.
  case factorBelowOne
  /// The jitter fraction is outside [0, 1] (or NaN).
  case jitterOutOfRange(Double)
}
