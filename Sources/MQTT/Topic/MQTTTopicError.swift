/// Why a topic name or topic filter is not valid MQTT.
public struct MQTTTopicError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The rule the topic breaks.
  public enum Reason: Sendable, Hashable {
    /// No characters at all.
    case empty
    /// More UTF-8 bytes than a 16-bit length can announce.
    case tooLong(bytes: Int)
    /// Contains U+0000.
    case nullCharacter
    /// A `+` or `#` in a name meant for publishing.
    case wildcardInTopicName
    /// A `#` that is not alone in the last level.
    case misplacedMultiLevelWildcard
    /// A `+` sharing its level with other characters.
    case misplacedSingleLevelWildcard
  }

  /// The offending topic as given.
  public var topic: String
  /// Whether it was meant as a filter (subscribe) or a name (publish).
  public var isFilter: Bool
  /// The broken rule.
  public var reason: Reason

  /// What it means, for logs and error messages.
  public var description: String {
    let kind = isFilter ? "topic filter" : "topic name"
    let rule =
      switch reason {
      case .empty: "is empty; give at least one character"
      case .tooLong(let bytes): "is \(bytes) bytes of UTF-8; the limit is \(MQTTString.maximumByteCount)"
      case .nullCharacter: "contains U+0000, which MQTT forbids"
      case .wildcardInTopicName: "contains '+' or '#'; wildcards are only allowed in subscription filters"
      case .misplacedMultiLevelWildcard: "has '#' somewhere other than alone in the last level (e.g. 'a/b/#')"
      case .misplacedSingleLevelWildcard: "has '+' sharing a level with other characters (e.g. 'a/+/c')"
      }
    return "\(kind) '\(topic)' \(rule)"
  }
}
