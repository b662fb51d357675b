import Testing
import Wire

@Suite("Telemetry events: one type for every topic")
struct TelemetryEventTests {
  private let ts = WireTimestamp(millisecondsSince1970: 1_740_832_496_789)

  @Test("every kind of event round-trips through its topic and payload")
  func roundTripThroughTopic() throws {
    let events: [TelemetryEvent] = [
      .inference(
        InferenceEvent(ts: ts, seq: 1, deviceID: "motor-01", mse: 0.01, decision: .normal, modelVersion: 2)),
      .escalation(
        EscalationEvent(
          ts: ts, seq: 2, deviceID: "motor-01", edgeMSE: 0.02, cloudClassification: 1, cloudConfidence: 0.8,
          latencyMS: 14, fallback: false)),
      .status(
        StatusEvent(
          ts: ts, seq: 3, deviceID: "motor-01", state: .online, modelVersion: 2, uptimeS: 5, backoffS: 0,
          queueDepth: 0)),
      .ota(OTAEvent(ts: ts, seq: 4, deviceID: "motor-01", event: .applied, fromVersion: 1, toVersion: 2)),
    ]
    for event in events {
      #expect(try TelemetryEvent(topic: event.topic, payload: event.payload()) == event)
    }
    #expect(events.map(\.retained) == [false, false, true, false])
    #expect(events.map(\.seq) == [1, 2, 3, 4])
  }

  @Test("a payload naming another device than its topic is refused")
  func deviceMismatchRefused() {
    let event = TelemetryEvent.inference(
      InferenceEvent(ts: ts, seq: 1, deviceID: "motor-02", mse: 0.01, decision: .normal, modelVersion: 2))
    #expect(
      throws: TelemetryDecodingError.deviceMismatch(
        topic: Topics.inference("motor-01"), payloadDeviceID: "motor-02")
    ) {
      try TelemetryEvent(topic: Topics.inference("motor-01"), payload: event.payload())
    }
  }

  @Test("foreign topics and garbage payloads are refused with the topic named")
  func garbageRefused() {
    #expect(throws: TelemetryDecodingError.unknownTopic("sensors/motor-01/temp")) {
      try TelemetryEvent(topic: "sensors/motor-01/temp", payload: Array("{}".utf8))
    }
    do {
      _ = try TelemetryEvent(topic: Topics.status("motor-01"), payload: [0xFF, 0x00, 0x7B])
      Issue.record("garbage accepted")
    } catch {
      #expect("\(error)".contains(Topics.status("motor-01")))
    }
  }
}
