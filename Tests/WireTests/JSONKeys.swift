import Foundation

/// Test helpers: encode a value and look at its JSON keys and values.
enum JSONKeys {
  /// The top-level keys of a value's JSON encoding, sorted.
  static func of(_ value: some Encodable) throws -> [String] {
    try object(value).keys.sorted()
  }

  /// The JSON object a value encodes to.
  static func object(_ value: some Encodable) throws -> [String: Any] {
    let data = try JSONEncoder().encode(value)
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }

  /// Decodes JSON text.
  static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(text.utf8))
  }
}
