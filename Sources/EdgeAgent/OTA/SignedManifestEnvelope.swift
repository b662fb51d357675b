/// A manifest as the server signs it: the exact payload bytes and an Ed25519 signature over them (the
/// scheme of `GET /model/manifest`: no canonical JSON needed, the bytes themselves are signed).
public struct SignedManifestEnvelope: Equatable, Sendable {
  /// The signed bytes (the manifest's UTF-8 JSON).
  public var payload: [UInt8]
  /// The 64-byte Ed25519 signature.
  public var signature: [UInt8]

  /// An envelope from decoded parts.
  public init(payload: [UInt8], signature: [UInt8]) {
    self.payload = payload
    self.signature = signature
  }
}
