/// Why a persisted model health baseline record was refused; the device then counts a fresh baseline.
public enum ModelHealthBaselineError: Error, Equatable, Sendable {
  /// The record is shorter than its format: it was never written completely.
  case truncated(available: Int)
  /// The record does not start with "EHB1".
  case badMagic
  /// The record is of a format version this software cannot read: update the device software.
  case unsupportedVersion(UInt16)
  /// The record's checksum fails: it is damaged.
  case crcMismatch(stored: UInt32, computed: UInt32)
  /// The record counts more escalations than decisions: it was not written by this software.
  case moreEscalationsThanDecisions(escalations: UInt64, decisions: UInt64)
}
