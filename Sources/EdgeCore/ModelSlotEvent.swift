/// The events of the slot life cycle, named in errors.
public enum ModelSlotEvent: UInt8, Sendable, CaseIterable {
  /// An update starts writing the slot.
  case beginWrite
  /// The written slot verified and is switched to.
  case markPending
  /// The self-test passed.
  case confirm
  /// The self-test failed.
  case revert
  /// The confirmed model misbehaved in service.
  case retire
}
