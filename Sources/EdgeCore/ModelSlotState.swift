/// The tiny persisted record that says which model slots may boot, and the update life cycle that moves it.
///
/// An update goes: `beginWrite(target)` (persist: the target is `empty`, so a half-written image is never
/// booted) → write and verify the image → `markPending(target, manifestSerial:)` (persist) → switch the
/// running model and self-test → `confirm` or `revert` (persist). A restart while a slot is pending reverts
/// it (see `SlotSelection`). The record also keeps the serial of the last manifest an update got as far as
/// pending with, so a replayed manifest is refused even after a restart.
///
/// Legal moves, anything else is refused with `ModelSlotStateError.illegalTransition`:
///
/// | from \ event | beginWrite | markPending | confirm | revert | retire |
/// |---|---|---|---|---|---|
/// | empty | empty | pending | — | — | — |
/// | pending | — | — | confirmed | retired | — |
/// | confirmed | empty | — | — | — | retired |
/// | retired | empty | — | — | — | — |
public struct ModelSlotState: Equatable, Sendable {
  /// Status of slot A.
  public private(set) var statusA: ModelSlotStatus
  /// Status of slot B.
  public private(set) var statusB: ModelSlotStatus
  /// Serial of the newest manifest an update reached `pending` with (0: none yet).
  public private(set) var manifestSerial: UInt64

  /// A record with the given statuses and serial.
  public init(
    statusA: ModelSlotStatus = .empty, statusB: ModelSlotStatus = .empty, manifestSerial: UInt64 = 0
  ) {
    self.statusA = statusA
    self.statusB = statusB
    self.manifestSerial = manifestSerial
  }

  /// The record of a device that never took an update: both slots empty.
  public static let factory = ModelSlotState()

  /// The status of `slot`.
  public subscript(slot: ModelSlotID) -> ModelSlotStatus {
    get { slot == .a ? statusA : statusB }
    set {
      if slot == .a { statusA = newValue } else { statusB = newValue }
    }
  }

  /// The slot an update should write while `running` runs (nil: the built-in model): the other slot, or with
  /// the built-in model running the first slot that holds no confirmed model (else A).
  public func updateTarget(running: ModelSlotID?) -> ModelSlotID {
    if let running { return running.other }
    return self[.a] != .confirmed ? .a : (self[.b] != .confirmed ? .b : .a)
  }

  /// Marks `slot` empty before its bytes are overwritten.
  public mutating func beginWrite(_ slot: ModelSlotID) throws(ModelSlotStateError) {
    try apply(.beginWrite, to: slot)
  }

  /// Marks the freshly written and verified `slot` pending, recording the manifest that brought it; the
  /// serial must exceed every serial recorded before.
  public mutating func markPending(_ slot: ModelSlotID, manifestSerial serial: UInt64)
    throws(ModelSlotStateError)
  {
    guard serial > manifestSerial else {
      throw .staleManifestSerial(serial: serial, recorded: manifestSerial)
    }
    try apply(.markPending, to: slot)
    manifestSerial = serial
  }

  /// Confirms the pending `slot` after its self-test passed; `retiringOther` (for a signed rollback) also
  /// retires the slot being rolled back from, so it never boots again.
  public mutating func confirm(_ slot: ModelSlotID, retiringOther: Bool) throws(ModelSlotStateError) {
    try apply(.confirm, to: slot)
    if retiringOther && self[slot.other] == .confirmed { self[slot.other] = .retired }
  }

  /// Retires the pending `slot` whose self-test failed.
  public mutating func revert(_ slot: ModelSlotID) throws(ModelSlotStateError) {
    try apply(.revert, to: slot)
  }

  /// Retires the confirmed `slot` that misbehaved in service.
  public mutating func retire(_ slot: ModelSlotID) throws(ModelSlotStateError) {
    try apply(.retire, to: slot)
  }

  /// The status `event` moves a slot in `status` to, or nil when the table above forbids the move.
  public static func next(from status: ModelSlotStatus, on event: ModelSlotEvent) -> ModelSlotStatus? {
    switch (status, event) {
    case (.empty, .beginWrite), (.confirmed, .beginWrite), (.retired, .beginWrite): .empty
    case (.empty, .markPending): .pending
    case (.pending, .confirm): .confirmed
    case (.pending, .revert), (.confirmed, .retire): .retired
    default: nil
    }
  }

  private mutating func apply(_ event: ModelSlotEvent, to slot: ModelSlotID) throws(ModelSlotStateError) {
    guard let status = ModelSlotState.next(from: self[slot], on: event) else {
      throw .illegalTransition(slot: slot, from: self[slot], event: event)
    }
    self[slot] = status
  }
}
