/// Why an offered update was not installed; its description is the `reason` of the `rejected` OTA event.
public enum OTARejection: Error, Equatable, Sendable, CustomStringConvertible {
  /// The manifest's signature does not verify with the pinned key: tampered, or signed by someone else.
  case badSignature
  /// The signature is not 64 bytes or the key id is not the pinned key's.
  case malformedSignature(String)
  /// The signed payload is not a usable manifest.
  case malformedManifest(String)
  /// The manifest's serial is not newer than one already acted on: a replayed (or re-offered) manifest.
  case replayedManifest(serial: UInt64, recorded: UInt64)
  /// The version does not increase and the manifest is not a signed rollback.
  case notNewer(version: Int, running: Int)
  /// A signed rollback to a version not below the running one.
  case rollbackNotOlder(version: Int, running: Int)
  /// The model is larger than a slot takes.
  case tooLarge(sizeBytes: Int, limit: Int)
  /// The downloaded bytes are more than the manifest's size.
  case sizeMismatch(expected: Int, received: Int)
  /// The downloaded bytes do not hash to the manifest's SHA-256.
  case digestMismatch
  /// The download kept failing.
  case downloadFailed(String)
  /// The slot could not be written.
  case installFailed(String)

  /// A sentence for the `ota` topic and the log.
  public var description: String {
    switch self {
    case .badSignature: "manifest signature does not verify with the pinned key"
    case .malformedSignature(let detail): "manifest signature unusable: \(detail)"
    case .malformedManifest(let detail): "manifest unusable: \(detail)"
    case .replayedManifest(let serial, let recorded):
      "manifest serial \(serial) is not newer than \(recorded) already acted on (replay)"
    case .notNewer(let version, let running):
      "version \(version) is not newer than running \(running) and the manifest is no signed rollback"
    case .rollbackNotOlder(let version, let running):
      "signed rollback to \(version) is not older than running \(running)"
    case .tooLarge(let size, let limit): "model of \(size) bytes exceeds the \(limit)-byte slot"
    case .sizeMismatch(let expected, let received):
      "download has \(received) bytes, manifest says \(expected)"
    case .digestMismatch: "downloaded bytes do not match the manifest's SHA-256"
    case .downloadFailed(let detail): "download failed: \(detail)"
    case .installFailed(let detail): "could not write the inactive slot: \(detail)"
    }
  }
}
