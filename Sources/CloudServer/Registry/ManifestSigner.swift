import Crypto
import Foundation
import Wire

/// Signs model manifests with the server's Ed25519 key and verifies them (the scheme is in `SignedManifest`).
public struct ManifestSigner: Sendable {
  /// File name of the raw 32-byte private key inside the data directory.
  public static let keyFileName = "signing-key.ed25519"

  private let privateKey: Curve25519.Signing.PrivateKey

  /// A signer with a given key.
  public init(privateKey: Curve25519.Signing.PrivateKey) {
    self.privateKey = privateKey
  }

  /// Loads the key from `directory`, creating it (readable by the owner only) on first use.
  public static func loadOrCreate(in directory: URL) throws -> ManifestSigner {
    let file = directory.appendingPathComponent(keyFileName)
    if FileManager.default.fileExists(atPath: file.path) {
      let raw = try Data(contentsOf: file)
      do {
        return ManifestSigner(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
      } catch {
        throw RegistryError.invalidModel(
          "signing key \(file.path) is not a raw 32-byte Ed25519 key: \(error)")
      }
    }
    let key = Curve25519.Signing.PrivateKey()
    try PrivateFile.write(key.rawRepresentation, to: file)
    return ManifestSigner(privateKey: key)
  }

  /// The raw 32-byte public key.
  public var publicKey: Data { privateKey.publicKey.rawRepresentation }

  /// Hex of the first 8 bytes of SHA-256 of the public key.
  public var keyID: String { Self.keyID(of: publicKey) }

  /// What `GET /model/public-key` serves.
  public var publicKeyResponse: PublicKeyResponse {
    PublicKeyResponse(keyID: keyID, publicKey: publicKey.base64EncodedString())
  }

  /// Encodes the manifest as JSON and signs exactly those bytes.
  public func sign(_ manifest: ModelManifest) throws -> SignedManifest {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let payload = try encoder.encode(manifest)
    let signature = try privateKey.signature(for: payload)
    return SignedManifest(
      keyID: keyID, payload: payload.base64EncodedString(), signature: signature.base64EncodedString())
  }

  /// The manifest inside `envelope` when its signature verifies with `publicKey`; nil otherwise.
  public static func verify(_ envelope: SignedManifest, publicKey: Data) -> ModelManifest? {
    guard envelope.alg == SignedManifest.algorithm,
      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey),
      let payload = envelope.payloadBytes, let signature = envelope.signatureBytes,
      key.isValidSignature(signature, for: payload)
    else { return nil }
    return try? envelope.decodeManifest()
  }

  /// Hex of the first 8 bytes of SHA-256 of a raw public key.
  public static func keyID(of publicKey: Data) -> String {
    Hex.encode(SHA256.hash(data: publicKey).prefix(8))
  }
}
