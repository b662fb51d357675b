import Testing

@testable import MQTT

@Suite("Topic names and filters")
struct MQTTTopicFilterTests {
  @Test(
    "filters match topics by the rules of section 4.7",
    arguments: [
      ("sport/tennis/player1/#", "sport/tennis/player1", true),
      ("sport/tennis/player1/#", "sport/tennis/player1/ranking", true),
      ("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true),
      ("sport/#", "sport", true),
      ("#", "a/b/c", true),
      ("#", "/", true),
      ("sport/tennis/+", "sport/tennis/player1", true),
      ("sport/tennis/+", "sport/tennis/player1/ranking", false),
      ("sport/+", "sport", false),
      ("sport/+", "sport/", true),
      ("+/+", "/finance", true),
      ("/+", "/finance", true),
      ("+", "/finance", false),
      ("edge-ai/device/+/status", "edge-ai/device/motor-01/status", true),
      ("edge-ai/device/+/status", "edge-ai/device/motor-01/inference", false),
      ("edge-ai/device/+/#", "edge-ai/device/motor-01/ota", true),
      ("a/b", "a/b", true),
      ("a/b", "a/B", false),
      ("a/b", "a/b/c", false),
      ("#", "$SYS/broker/uptime", false),
      ("+/broker/uptime", "$SYS/broker/uptime", false),
      ("$SYS/#", "$SYS/broker/uptime", true),
      ("$SYS/+/uptime", "$SYS/broker/uptime", true),
    ])
  func matching(filter: String, topic: String, matches: Bool) throws {
    #expect(try MQTTTopicFilter(filter).matches(topic) == matches)
  }

  @Test(
    "filters that break the wildcard rules are rejected with the rule named",
    arguments: [
      ("", MQTTTopicError.Reason.empty),
      ("sport/tennis#", .misplacedMultiLevelWildcard),
      ("sport/tennis/#/ranking", .misplacedMultiLevelWildcard),
      ("##", .misplacedMultiLevelWildcard),
      ("sport+", .misplacedSingleLevelWildcard),
      ("sport/+player/x", .misplacedSingleLevelWildcard),
      ("a\u{0}b", .nullCharacter),
      (String(repeating: "x", count: 65_536), .tooLong(bytes: 65_536)),
    ])
  func invalidFilters(filter: String, reason: MQTTTopicError.Reason) {
    #expect(throws: MQTTTopicError(topic: filter, isFilter: true, reason: reason)) {
      try MQTTTopicFilter(filter)
    }
  }

  @Test(
    "valid filters with wildcards in every allowed place are accepted",
    arguments: ["+", "#", "+/+/#", "/#", "a//+", "$SYS/#"])
  func validFilters(filter: String) throws {
    #expect(try MQTTTopicFilter(filter).string == filter)
  }

  @Test(
    "topic names for publishing reject wildcards, emptiness and U+0000",
    arguments: [
      ("a/+/c", MQTTTopicError.Reason.wildcardInTopicName),
      ("a/#", .wildcardInTopicName),
      ("", .empty),
      ("a\u{0}", .nullCharacter),
    ])
  func invalidTopicNames(topic: String, reason: MQTTTopicError.Reason) {
    #expect(throws: MQTTTopicError(topic: topic, isFilter: false, reason: reason)) {
      try MQTTTopicName.validate(topic)
    }
  }

  @Test("a topic error says what is wrong and how it should look")
  func errorDescription() {
    let error = MQTTTopicError(topic: "a/#/b", isFilter: true, reason: .misplacedMultiLevelWildcard)
    #expect(
      error.description
        == "topic filter 'a/#/b' has '#' somewhere other than alone in the last level (e.g. 'a/b/#')")
  }
}
