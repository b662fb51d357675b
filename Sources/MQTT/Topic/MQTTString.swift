/// The rules MQTT puts on its UTF-8 strings (topics, client identifier, user name).
enum MQTTString {
  /// Strings are prefixed by a 16-bit length, so they hold at most this many bytes.
  static let maximumByteCount = Int(UInt16.max)

  /// The first rule `string` breaks, if any (Swift strings are always well-formed UTF-8).
  static func violation(of string: String) -> MQTTStringViolation? {
    let count = string.utf8.count
    if count > maximumByteCount { return .tooLong(bytes: count) }
    if string.utf8.contains(0) { return .nullCharacter }
    return nil
  }
}

/// A broken string rule, shared by topic and field validation.
enum MQTTStringViolation: Sendable, Hashable {
  case tooLong(bytes: Int)
  case nullCharacter
}
