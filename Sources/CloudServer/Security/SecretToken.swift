import Crypto
import Foundation

/// Bearer tokens: 256 random bits, shown once, kept only as a SHA-256 hash.
///
/// A plain SHA-256 is enough here (no slow password hash): a token has 256 bits of entropy, so an
/// attacker holding the hash cannot search for the token; the hash only keeps a database leak from
/// handing out working tokens.
public enum SecretToken {
  /// Prefix of device tokens, so a leaked one is recognizable.
  public static let devicePrefix = "ehd_"
  /// Prefix of admin tokens.
  public static let adminPrefix = "eha_"

  /// A new random token: the prefix and 43 base64url characters.
  public static func generate(prefix: String) -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    let base64 = Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
    return prefix + base64
  }

  /// Lower-case hex SHA-256 of the token's UTF-8 bytes: what the server stores.
  public static func hash(_ token: String) -> String {
    Hex.encode(SHA256.hash(data: Data(token.utf8)))
  }
}

/// Lower-case hexadecimal text of bytes.
public enum Hex {
  /// The hex digits of `bytes`.
  public static func encode(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
