/// Why a slot state record was refused or a slot event is not allowed.
public enum ModelSlotStateError: Error, Equatable, Sendable {
  /// The record is shorter than its format: it was never written completely.
  case truncated(available: Int)
  /// The record does not start with "EHS1".
  case badMagic
  /// The record is of a format version this software cannot read: update the device software.
  case unsupportedVersion(UInt16)
  /// The record's checksum fails: it is damaged.
  case crcMismatch(stored: UInt32, computed: UInt32)
  /// A slot status byte is not one of `ModelSlotStatus`.
  case unknownStatus(UInt8)
  /// The slot life cycle does not allow `event` while the slot is `from` (see the table in `ModelSlotState`).
  case illegalTransition(slot: ModelSlotID, from: ModelSlotStatus, event: ModelSlotEvent)
  /// A manifest with serial `serial` is not newer than the recorded `recorded`: a replay or an old manifest.
  case staleManifestSerial(serial: UInt64, recorded: UInt64)
}
