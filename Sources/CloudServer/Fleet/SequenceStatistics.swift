/// What a device's `seq` counter says about delivery: messages lost on the way and messages seen twice.
public struct SequenceStatistics: Codable, Sendable, Equatable {
  /// Highest `seq` received since the device's last restart.
  public var last: UInt64?
  /// Numbers skipped: messages lost (or sampled away before numbering).
  public var gaps: UInt64 = 0
  /// Messages whose `seq` was not above the last (QoS 1 redelivery).
  public var duplicates: UInt64 = 0
  /// Times the counter started again (the device restarted).
  public var restarts: UInt64 = 0

  /// No message yet.
  public init() {}

  /// What one message's number meant.
  enum Outcome: Equatable {
    /// The next number, or the first.
    case inOrder
    /// `missing` numbers were skipped.
    case gap(missing: UInt64)
    /// Not above the last number.
    case duplicate
  }

  /// Accounts one received number.
  mutating func observe(_ seq: UInt64) -> Outcome {
    guard let last else {
      self.last = seq
      return .inOrder
    }
    if seq <= last {
      duplicates += 1
      return .duplicate
    }
    self.last = seq
    let missing = seq - last - 1
    gaps += missing
    return missing == 0 ? .inOrder : .gap(missing: missing)
  }

  /// The device restarted: its counter begins again at `seq`.
  mutating func restart(at seq: UInt64) {
    restarts += 1
    last = seq
  }
}
