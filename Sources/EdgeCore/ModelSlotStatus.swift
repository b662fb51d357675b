/// What the device's state record says about one slot's contents.
public enum ModelSlotStatus: UInt8, Sendable, CaseIterable {
  /// Nothing bootable: never written, damaged, or being written right now.
  case empty = 0
  /// Written, verified and switched to, but its self-test has not confirmed it yet; a boot reverts it.
  case pending = 1
  /// Passed its self-test: bootable.
  case confirmed = 2
  /// Failed its self-test, was not confirmed before a restart, misbehaved, or was rolled back from: never
  /// booted again (its bytes stay until the next update overwrites them).
  case retired = 3
}
