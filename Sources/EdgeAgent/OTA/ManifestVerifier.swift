import Crypto
import EdgeCore

/// Checks envelopes against the server key the device pins (provisioned, or fetched once).
public struct ManifestVerifier: Sendable {
  /// The pinned key.
  public let publicKey: Curve25519.Signing.PublicKey

  /// A verifier for `publicKey`.
  public init(publicKey: Curve25519.Signing.PublicKey) {
    self.publicKey = publicKey
  }

  /// A verifier for a raw 32-byte Ed25519 key.
  public init(rawPublicKey: [UInt8]) throws(OTARejection) {
    do {
      publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: rawPublicKey)
    } catch {
      throw .malformedSignature("pinned key is not a 32-byte Ed25519 key")
    }
  }

  /// The key id the server names: lower-case hex of the first 8 bytes of SHA-256 of the raw key.
  public var keyID: String {
    String(SHA256Hasher.hash(Array(publicKey.rawRepresentation)).hex.prefix(16))
  }

  /// The manifest in `envelope`, only if its signature verifies (then it is decoded and checked).
  public func verify(_ envelope: SignedManifestEnvelope) throws(OTARejection) -> OTAManifest {
    guard envelope.signature.count == 64 else {
      throw .malformedSignature("\(envelope.signature.count) bytes, Ed25519 signatures have 64")
    }
    guard publicKey.isValidSignature(envelope.signature, for: envelope.payload) else { throw .badSignature }
    return try OTAManifest(json: envelope.payload)
  }
}
