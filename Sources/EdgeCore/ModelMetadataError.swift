/// Why EHMD metadata bytes or values were refused (see the format in `ModelMetadata.swift`).
public enum ModelMetadataError: Error, Equatable, Sendable {
  /// The bytes do not start with "EHMD": this is not EdgeHybrid metadata.
  case badMagic
  /// The format version is not the one this code reads: update the device software.
  case unsupportedFormatVersion(UInt16)
  /// The header or a record runs past the end of the bytes (`needed` bytes from offset `offset`).
  case truncated(offset: Int, needed: Int)
  /// The header declares a records length that differs from the bytes that follow it.
  case lengthMismatch(declared: Int, actual: Int)
  /// A known record has a payload length other than its format's.
  case badRecordLength(tag: ModelMetadata.RecordTag, length: Int)
  /// A known record appears twice.
  case duplicateRecord(ModelMetadata.RecordTag)
  /// A required record is absent.
  case missingRecord(ModelMetadata.RecordTag)
  /// The front-end kind code is not one this device can run.
  case unknownFrontEndKind(UInt8)
  /// The standardization mode code is not one this device can apply.
  case unknownStandardizationMode(UInt8)
  /// Window length, axis count or sampling rate is not positive (and finite).
  case invalidLayout
  /// Means and deviations differ in count, are empty or non-finite, or a deviation is ≤ 0.
  case invalidStandardization
  /// The standardization covers `actual` axes or features, the front-end needs `expected`.
  case standardizationCountMismatch(expected: Int, actual: Int)
  /// A threshold value is non-finite, `low > high`, or σ < 0.
  case invalidThresholds
  /// The training summary is not UTF-8 (or too long).
  case invalidSummary
}
