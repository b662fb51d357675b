import NIOConcurrencyHelpers
import Testing

@testable import MQTT

@Suite("Throughput function")
struct MQTTThroughputTests {
  @Test("the throughput run publishes exactly the messages it counts, each a JSON report of about 150 bytes")
  func publishesWhatItCounts() async throws {
    try await withMosquitto { broker in
      let subscriber = makeClient(broker, clientID: "counter")
      try await subscriber.connect()
      let subscription = try await subscriber.subscribe(to: MQTTThroughput.topic)
      let measurement = try await MQTTThroughput.measureClient(
        host: broker.host, port: broker.port, messages: 300, qos: .atLeastOnce, window: 7)
      #expect(measurement.messages == 300)
      #expect(measurement.qos == 1)
      #expect((120...180).contains(measurement.payloadBytes))
      #expect(measurement.messagesPerSecond > 0)
      let received = await collect(subscription.messages, count: 300)
      #expect(Set(texts(received)) == Set((0..<300).map { MQTTThroughput.samplePayload(sequence: $0) }))
      #expect(texts(received).allSatisfy { $0.hasPrefix(#"{"ts":"#) && $0.hasSuffix("}") })
      await subscriber.disconnect()
    }
  }
}
