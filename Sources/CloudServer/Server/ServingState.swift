import Crypto
import Foundation

/// What the request handlers read: one immutable snapshot, swapped whole when devices or models change.
struct ServingState: Sendable {
  let generation: Int
  let registry: RegistrySnapshot
  let current: ServedEdgeModel?
  let canary: ServedEdgeModel?
  let classifier: CloudClassifier?
  let authenticator: Authenticator

  /// The edge model a device should run: the canary for devices in the canary cohort, else the current one.
  func servedModel(for deviceID: String?) -> ServedEdgeModel? {
    if let canary, let deviceID, Self.isInCanaryCohort(deviceID, fraction: registry.canaryFraction) {
      return canary
    }
    return current
  }

  /// Stable cohort membership: the first 8 bytes of SHA-256(device id) as a fraction of 2⁶⁴.
  static func isInCanaryCohort(_ deviceID: String, fraction: Double) -> Bool {
    let digest = Array(SHA256.hash(data: Data(deviceID.utf8)))
    let position = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return Double(position) / 0x1p64 < fraction
  }
}
