/// Payload on `edge-ai/device/{id}/ota`: one step of a model update.
public struct OTAEvent: Codable, Sendable, Equatable {
  /// When the step happened.
  public var ts: WireTimestamp
  /// Per-device message counter.
  public var seq: UInt64
  /// The updating device.
  public var deviceID: String
  /// Which step.
  public var event: OTAStep
  /// Model version running before the step (for `rolled_back`: the version given up).
  public var fromVersion: Int
  /// Model version the step concerns: the one being installed (for `rolled_back`: the one running again).
  public var toVersion: Int
  /// Why, for `rejected` and `rolled_back`.
  public var reason: String?

  /// An OTA event.
  public init(
    ts: WireTimestamp, seq: UInt64, deviceID: String, event: OTAStep, fromVersion: Int, toVersion: Int,
    reason: String? = nil
  ) {
    self.ts = ts
    self.seq = seq
    self.deviceID = deviceID
    self.event = event
    self.fromVersion = fromVersion
    self.toVersion = toVersion
    self.reason = reason
  }

  enum CodingKeys: String, CodingKey {
    case ts, seq, event, reason
    case deviceID = "device_id"
    case fromVersion = "from_version"
    case toVersion = "to_version"
  }
}

/// The steps of an OTA update as the `ota` topic spells them.
public enum OTAStep: String, Codable, Sendable, CaseIterable {
  /// Asked the server for its version.
  case check
  /// Fetched the model bytes.
  case download
  /// Size, SHA-256 and signature matched the manifest.
  case verified
  /// Switched to the new slot and passed the self-test.
  case applied
  /// Refused the download (bad signature, hash, size, or old version).
  case rejected
  /// Went back to the previous model (failed self-test or a signed rollback).
  case rolledBack = "rolled_back"
}
