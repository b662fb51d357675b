/// A validated subscription filter that can tell which topic names it matches.
public struct MQTTTopicFilter: Sendable, Hashable, CustomStringConvertible {
  /// The filter as written, e.g. `edge-ai/device/+/status`.
  public let string: String
  private let levels: [Substring]

  /// Validates `string` as a topic filter: `+` fills a whole level, `#` only as the whole last level.
  public init(_ string: String) throws(MQTTTopicError) {
    func fail(_ reason: MQTTTopicError.Reason) -> MQTTTopicError {
      MQTTTopicError(topic: string, isFilter: true, reason: reason)
    }
    try MQTTTopicName.checkStringRules(of: string, isFilter: true)
    let levels = string.split(separator: "/", omittingEmptySubsequences: false)
    for (index, level) in levels.enumerated() {
      if level.contains("#") && (level != "#" || index != levels.count - 1) {
        throw fail(.misplacedMultiLevelWildcard)
      }
      if level.contains("+") && level != "+" { throw fail(.misplacedSingleLevelWildcard) }
    }
    self.string = string
    self.levels = levels
  }

  /// Whether a message published to `topic` is delivered to this filter; `$` topics
  /// (broker internals like `$SYS`) are not matched by a leading wildcard.
  public func matches(_ topic: String) -> Bool {
    if topic.utf8.first == UInt8(ascii: "$"), levels[0] == "+" || levels[0] == "#" { return false }
    var topicLevels = topic.split(separator: "/", omittingEmptySubsequences: false)[...]
    for level in levels {
      if level == "#" { return true }
      guard let topicLevel = topicLevels.popFirst() else { return false }
      if level != "+" && level != topicLevel { return false }
    }
    return topicLevels.isEmpty
  }

  /// The filter as written.
  public var description: String { string }
}
