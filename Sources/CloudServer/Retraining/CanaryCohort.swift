import Crypto
import Foundation

/// Which devices get a canary version: those whose hashed id falls below the canary fraction, and at least
/// one known device (the one with the lowest hash) so a small fleet always has a canary.
///
/// Membership depends only on the device id, the fraction and the known ids, so every server, route and
/// telemetry reader agrees on it without coordination.
public struct CanaryCohort: Sendable, Equatable {
  /// Fraction of devices in the cohort.
  public let fraction: Double
  /// The known device that is always a member (when any device is known).
  public let anchor: String?

  /// The cohort of `fraction` over the devices known so far.
  public init(fraction: Double, knownDevices: some Sequence<String>) {
    self.fraction = fraction
    anchor = knownDevices.min { Self.position(of: $0) < Self.position(of: $1) }
  }

  /// Whether `deviceID` gets the canary.
  public func contains(_ deviceID: String) -> Bool {
    deviceID == anchor || Self.position(of: deviceID) < fraction
  }

  /// The first 8 bytes of SHA-256(device id) as a fraction of 2⁶⁴: uniform in [0, 1), stable forever.
  public static func position(of deviceID: String) -> Double {
    let digest = Array(SHA256.hash(data: Data(deviceID.utf8)))
    return Double(digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) / 0x1p64
  }
}
