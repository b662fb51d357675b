import Foundation

/// `GET /model/manifest` answer: a `ModelManifest` and the server's Ed25519 signature over its exact bytes.
///
/// Signing scheme (what a device verifies):
/// 1. `payload` is standard base64 (RFC 4648, with padding) of the manifest's UTF-8 JSON bytes.
/// 2. `signature` is standard base64 of the 64-byte Ed25519 signature (RFC 8032) over exactly
///    those decoded payload bytes — no re-serialization, so no canonical JSON is needed.
/// 3. `alg` is `"Ed25519"`; `keyID` is the lower-case hex of the first 8 bytes of SHA-256 of the
///    32-byte raw public key, so a device can tell which pinned key to use.
/// A device base64-decodes `payload`, verifies `signature` over it with the pinned public key
/// (`GET /model/public-key`), and only then JSON-decodes the payload into a `ModelManifest`.
public struct SignedManifest: Codable, Sendable, Equatable {
  /// The only algorithm used.
  public static let algorithm = "Ed25519"

  /// Always `"Ed25519"`.
  public var alg: String
  /// Hex of the first 8 bytes of SHA-256 of the signing public key.
  public var keyID: String
  /// Base64 of the manifest JSON bytes that were signed.
  public var payload: String
  /// Base64 of the 64-byte Ed25519 signature over the decoded payload.
  public var signature: String

  /// An envelope from already encoded parts.
  public init(keyID: String, payload: String, signature: String) {
    self.alg = Self.algorithm
    self.keyID = keyID
    self.payload = payload
    self.signature = signature
  }

  /// The signed bytes; nil when `payload` is not base64.
  public var payloadBytes: Data? { Data(base64Encoded: payload) }

  /// The raw signature; nil when `signature` is not base64.
  public var signatureBytes: Data? { Data(base64Encoded: signature) }

  /// Decodes the payload; call only after the signature verified.
  public func decodeManifest() throws -> ModelManifest {
    guard let bytes = payloadBytes else {
      throw WireValidationError(field: "payload", problem: "is not base64")
    }
    return try JSONDecoder().decode(ModelManifest.self, from: bytes)
  }

  enum CodingKeys: String, CodingKey {
    case alg, payload, signature
    case keyID = "key_id"
  }
}

/// `GET /model/public-key` answer: the Ed25519 key devices pin to verify manifests.
public struct PublicKeyResponse: Codable, Sendable, Equatable {
  /// Always `"Ed25519"`.
  public var alg: String
  /// Hex of the first 8 bytes of SHA-256 of the raw key.
  public var keyID: String
  /// Standard base64 of the 32-byte raw public key.
  public var publicKey: String

  /// A public key description.
  public init(keyID: String, publicKey: String) {
    self.alg = SignedManifest.algorithm
    self.keyID = keyID
    self.publicKey = publicKey
  }

  enum CodingKeys: String, CodingKey {
    case alg
    case keyID = "key_id"
    case publicKey = "public_key"
  }
}
