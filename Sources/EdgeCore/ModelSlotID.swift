/// One of the two model slots (A/B), so that an update always writes the one not running.
public enum ModelSlotID: UInt8, Sendable, CaseIterable {
  /// The first slot.
  case a = 0
  /// The second slot.
  case b = 1

  /// The slot that is not this one.
  public var other: ModelSlotID { self == .a ? .b : .a }
}
