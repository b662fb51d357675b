/// `/classify` verdicts handed to the fleet state without waiting for the actor, until it lists them.
///
/// Only the newest `limit` can ever be shown (the fleet keeps that many recent escalations), so older ones
/// are dropped here too, but still counted, so that the revision moves once per verdict as before.
struct PendingVerdicts: Sendable {
  /// How many recent escalations the fleet state keeps.
  let limit: Int
  private var verdicts: [RecentEscalation] = []
  private var count: UInt64 = 0

  /// An empty inbox keeping at most `limit` (and briefly up to twice that) verdicts.
  init(limit: Int) {
    self.limit = max(limit, 0)
  }

  /// Adds a verdict; drops the oldest ones once twice the limit are waiting (amortized O(1)).
  mutating func append(_ verdict: RecentEscalation) {
    verdicts.append(verdict)
    count += 1
    if verdicts.count >= 2 * max(limit, 1) {
      verdicts.removeFirst(verdicts.count - limit)
    }
  }

  /// The waiting verdicts, oldest first, and how many arrived in all; leaves the inbox empty.
  mutating func take() -> (verdicts: [RecentEscalation], count: UInt64) {
    defer {
      verdicts = []
      count = 0
    }
    return (verdicts, count)
  }
}
