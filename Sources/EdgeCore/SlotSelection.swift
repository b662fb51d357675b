/// What a device boots: the valid, confirmed model slot with the highest version, else the built-in model.
public struct SlotSelection: Equatable, Sendable {
  /// The model a boot runs.
  public enum Choice: Equatable, Sendable {
    /// The model in `slot`, whose header says `version`.
    case slot(ModelSlotID, version: UInt32)
    /// The model compiled into the firmware.
    case builtIn
  }

  /// The model to run.
  public let choice: Choice
  /// The record after the boot (pending slots reverted, damaged ones emptied); persist it if it changed.
  public let state: ModelSlotState
  /// Slots that were pending at boot and are now retired: an update whose self-test never finished.
  public let reverted: [ModelSlotID]

  /// Chooses the boot model from the persisted record (nil when missing or damaged) and each slot's
  /// validated header (nil when its image does not validate).
  ///
  /// With a record: a pending slot is reverted (its self-test never confirmed it); a confirmed slot whose
  /// image no longer validates becomes empty; of the confirmed slots left, the higher version boots (A on a
  /// tie). Without a record (first boot, or a damaged record) every valid image counts as confirmed — the
  /// plain rule "highest valid version" — and the manifest serial restarts at 0.
  public init(record: ModelSlotState?, a: ModelSlotHeader?, b: ModelSlotHeader?) {
    var state =
      record
      ?? ModelSlotState(
        statusA: a == nil ? .empty : .confirmed, statusB: b == nil ? .empty : .confirmed)
    var reverted: [ModelSlotID] = []
    var best: (slot: ModelSlotID, version: UInt32)? = nil
    for slot in ModelSlotID.allCases {
      let header = slot == .a ? a : b
      switch state[slot] {
      case .pending:
        state[slot] = .retired
        reverted.append(slot)
      case .confirmed:
        guard let header else {
          state[slot] = .empty
          continue
        }
        if best == nil || header.modelVersion > best!.version { best = (slot, header.modelVersion) }
      case .empty, .retired:
        break
      }
    }
    self.choice = best.map { .slot($0.slot, version: $0.version) } ?? .builtIn
    self.state = state
    self.reverted = reverted
  }

  /// The slot running after this boot, or nil for the built-in model.
  public var runningSlot: ModelSlotID? {
    if case .slot(let slot, _) = choice { return slot }
    return nil
  }
}
