/// Why the bytes of a model slot cannot be booted (see the layout in `ModelSlotHeader`).
public enum ModelSlotError: Error, Equatable, Sendable {
  /// Fewer bytes than a header: the slot is empty or its write was cut off early.
  case truncatedHeader(available: Int)
  /// The slot does not start with "EHM1": it was never written, or holds something else.
  case badMagic
  /// The header is of a version this software cannot read: update the device software.
  case unsupportedHeaderVersion(UInt16)
  /// The header declares a length other than its version's: the header is damaged.
  case headerSizeMismatch(declared: Int, expected: Int)
  /// The header's own checksum fails: a header field (the model version, the size) is damaged.
  case headerCRCMismatch(stored: UInt32, computed: UInt32)
  /// Fewer payload bytes than the header declares: the write was cut off (a power cut mid-update).
  case truncatedPayload(declared: Int, available: Int)
  /// More bytes than header plus payload: the slot holds leftovers of another image.
  case sizeMismatch(declared: Int, actual: Int)
  /// The payload's CRC-32 differs from the header's: the model bytes are damaged.
  case crcMismatch(stored: UInt32, computed: UInt32)
  /// The payload's SHA-256 differs from the header's: the model bytes are not the ones written.
  case shaMismatch
}
