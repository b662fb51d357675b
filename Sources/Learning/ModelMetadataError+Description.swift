import EdgeCore

/// Messages for refused EHMD metadata; they live here so that the firmware (EdgeCore) carries no text.
extension ModelMetadataError: CustomStringConvertible {
  /// What is wrong with the model's "edgehybrid" metadata and what to do about it.
  public var description: String {
    switch self {
    case .badMagic:
      "the \"edgehybrid\" metadata does not start with EHMD: it is not EdgeHybrid metadata"
    case .unsupportedFormatVersion(let version):
      "the metadata has format version \(version); this software reads version \(ModelMetadata.formatVersion): "
        + "update it, or re-export the model"
    case .truncated(let offset, let needed):
      "the metadata is cut short: \(needed) bytes needed at byte \(offset); re-export the model"
    case .lengthMismatch(let declared, let actual):
      "the metadata header declares \(declared) bytes of records but \(actual) follow; re-export the model"
    case .badRecordLength(let tag, let length):
      "metadata record \(tag) is \(length) bytes long, which its format does not allow"
    case .duplicateRecord(let tag):
      "metadata record \(tag) appears twice"
    case .missingRecord(let tag):
      "the metadata has no \(tag) record (version, front-end, standardization, thresholds and creation time "
        + "are required)"
    case .unknownFrontEndKind(let kind):
      "the metadata names front-end kind \(kind); this software knows 0 (raw) and 1 (spectral)"
    case .unknownStandardizationMode(let mode):
      "the metadata names standardization mode \(mode); this software knows 0 (per axis) and 1 (per feature)"
    case .invalidLayout:
      "the window layout needs a positive sample count, axis count and finite sampling rate"
    case .invalidStandardization:
      "the standardization needs as many finite means as finite, positive standard deviations"
    case .standardizationCountMismatch(let expected, let actual):
      "the standardization has \(actual) mean/std pairs; its mode over this front-end needs \(expected)"
    case .invalidThresholds:
      "the thresholds must be finite with low ≤ high and σ ≥ 0"
    case .invalidSummary:
      "the training summary is not valid UTF-8 (or longer than 4 GB)"
    }
  }
}
