/// Validation of topic names, the topics messages are published to.
enum MQTTTopicName {
  /// Checks that `topic` can be published to: non-empty, a valid MQTT string, no wildcards.
  static func validate(_ topic: String) throws(MQTTTopicError) {
    try checkStringRules(of: topic, isFilter: false)
    if topic.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") }) {
      throw MQTTTopicError(topic: topic, isFilter: false, reason: .wildcardInTopicName)
    }
  }

  /// The rules names and filters share: at least one character, a valid MQTT string.
  static func checkStringRules(of topic: String, isFilter: Bool) throws(MQTTTopicError) {
    let reason: MQTTTopicError.Reason? =
      if topic.isEmpty {
        .empty
      } else {
        switch MQTTString.violation(of: topic) {
        case .tooLong(let bytes): .tooLong(bytes: bytes)
        case .nullCharacter: .nullCharacter
        case nil: nil
        }
      }
    if let reason { throw MQTTTopicError(topic: topic, isFilter: isFilter, reason: reason) }
  }
}
