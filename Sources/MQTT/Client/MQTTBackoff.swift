/// Exponential reconnect backoff: `minimum · 2^attempt` capped at `maximum`, shortened by up to
/// `jitter` of itself so that a fleet reconnecting to a restarted broker does not arrive all at once.
public struct MQTTBackoff: Sendable, Hashable {
  /// The delay before the first retry.
  public var minimum: Duration
  /// The longest delay between retries.
  public var maximum: Duration
  /// The fraction (0...1) of each delay that may be removed at random.
  public var jitter: Double

  /// A backoff from `minimum` doubling up to `maximum`.
  public init(minimum: Duration = .milliseconds(500), maximum: Duration = .seconds(30), jitter: Double = 0.2)
  {
    self.minimum = minimum
    self.maximum = maximum
    self.jitter = jitter
  }

  /// The delay before retry number `attempt` (0 = first), with `randomFraction` in 0...1 picking the jitter.
  public func delay(forAttempt attempt: Int, randomFraction: Double) -> Duration {
    var base = minimum
    var doublings = 0
    while doublings < attempt && base < maximum {
      base *= 2
      doublings += 1
    }
    base = min(base, maximum)
    let factor = 1 - jitter * min(max(randomFraction, 0), 1)
    return factor == 1 ? base : base * factor
  }
}
