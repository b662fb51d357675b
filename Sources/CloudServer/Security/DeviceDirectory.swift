import Crypto
import Foundation

/// The active devices in memory: token hash → device id, for a lookup per request without the database.
public struct DeviceDirectory: Sendable {
  private let deviceByTokenHash: [String: String]
  private let registered: Set<String>

  /// A directory of the active devices among `devices`.
  public init(devices: [DeviceRecord]) {
    let active = devices.filter(\.isActive)
    deviceByTokenHash = Dictionary(
      active.map { ($0.tokenHash, $0.deviceID) }, uniquingKeysWith: { first, _ in first })
    registered = Set(active.map(\.deviceID))
  }

  /// The device a token belongs to; nil when unknown or revoked.
  public func device(forToken token: String) -> String? {
    deviceByTokenHash[SecretToken.hash(token)]
  }

  /// Whether a device id has an active token.
  public func isRegistered(_ deviceID: String) -> Bool { registered.contains(deviceID) }
}
