import NIOCore
import Testing

@testable import MQTT

@Suite("Configuration")
struct MQTTConfigurationTests {
  @Test("the defaults are valid")
  func defaultsAreValid() throws {
    try MQTTConfiguration(host: "broker", clientID: "dev-1").validate()
  }

  @Test(
    "values a broker would refuse are reported with the field to fix",
    arguments: [
      ({ @Sendable (c: inout MQTTConfiguration) in c.port = 0 }, "port"),
      ({ @Sendable (c: inout MQTTConfiguration) in c.clientID = "a\u{0}" }, "clientID"),
      (
        { @Sendable (c: inout MQTTConfiguration) in
          c.clientID = ""
          c.cleanSession = false
        }, "clientID"
      ),
      (
        { @Sendable (c: inout MQTTConfiguration) in
          c.credentials = MQTTCredentials(username: "u\u{0}", password: nil)
        }, "credentials.username"
      ),
      ({ @Sendable (c: inout MQTTConfiguration) in c.outgoingBufferCapacity = 0 }, "outgoingBufferCapacity"),
      ({ @Sendable (c: inout MQTTConfiguration) in c.maximumInflight = 70_000 }, "maximumInflight"),
      (
        { @Sendable (c: inout MQTTConfiguration) in
          c.reconnectBackoff = MQTTBackoff(minimum: .seconds(2), maximum: .seconds(1))
        }, "reconnectBackoff"
      ),
      (
        { @Sendable (c: inout MQTTConfiguration) in
          c.will = MQTTMessage(topic: "s", payload: ByteBuffer(repeating: 0, count: 70_000))
        }, "will.payload"
      ),
    ] as [(@Sendable (inout MQTTConfiguration) -> Void, String)])
  func invalidValues(change: @Sendable (inout MQTTConfiguration) -> Void, field: String) {
    var configuration = MQTTConfiguration(host: "broker", clientID: "dev-1")
    change(&configuration)
    let error = #expect(throws: MQTTError.self) { try configuration.validate() }
    guard case .invalidConfiguration(let reported, _)? = error else {
      Issue.record("expected invalidConfiguration, got \(String(describing: error))")
      return
    }
    #expect(reported == field)
  }

  @Test("a will topic with a wildcard is refused as a topic error")
  func willTopicIsATopicName() {
    var configuration = MQTTConfiguration(host: "broker", clientID: "dev-1")
    configuration.will = MQTTMessage(topic: "dev/+/status", payload: "offline")
    #expect(
      throws: MQTTError.invalidTopic(
        MQTTTopicError(topic: "dev/+/status", isFilter: false, reason: .wildcardInTopicName))
    ) {
      try configuration.validate()
    }
  }
}
