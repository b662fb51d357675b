import Wire

/// A registered device and the hash of its bearer token.
public struct DeviceRecord: Sendable, Equatable {
  /// The device id (its MQTT topic level).
  public var deviceID: String
  /// SHA-256 hex of its token.
  public var tokenHash: String
  /// When it was registered.
  public var created: WireTimestamp
  /// When its token was revoked, if it was.
  public var revokedAt: WireTimestamp?

  /// A device record.
  public init(deviceID: String, tokenHash: String, created: WireTimestamp, revokedAt: WireTimestamp? = nil) {
    self.deviceID = deviceID
    self.tokenHash = tokenHash
    self.created = created
    self.revokedAt = revokedAt
  }

  /// Whether its token is accepted.
  public var isActive: Bool { revokedAt == nil }
}

/// The registered devices, behind a protocol so that PostgreSQL can replace SQLite.
public protocol DeviceStore: Sendable {
  /// Registers a device (or re-registers a revoked one) with a token hash.
  func addDevice(_ device: DeviceRecord) async throws
  /// Every device, active and revoked, by id.
  func devices() async throws -> [DeviceRecord]
  /// Revokes a device's token; false when the device is unknown or already revoked.
  func revokeDevice(_ deviceID: String, at time: WireTimestamp) async throws -> Bool
}

/// Why a device operation failed.
public enum DeviceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The device already has an active token.
  case alreadyRegistered(String)
  /// The id is not acceptable.
  case invalidID(String, String)

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .alreadyRegistered(let id):
      "device \(id) already has an active token; revoke it first (edgehybrid devices revoke \(id)) to issue a new one"
    case .invalidID(let id, let problem): "device id \"\(id)\" is not acceptable: \(problem)"
    }
  }
}
