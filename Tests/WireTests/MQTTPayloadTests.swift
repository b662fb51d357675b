import Foundation
import Testing
import Wire

@Suite("MQTT payloads and topics")
struct MQTTPayloadTests {
  private let ts = WireTimestamp(millisecondsSince1970: 1_740_832_496_789)

  @Test("inference payload keys match DESIGN.md, with ts and seq")
  func inferenceKeys() throws {
    let event = InferenceEvent(ts: ts, seq: 7, deviceID: "m", mse: 0.01, decision: .anomaly, modelVersion: 3)
    #expect(try JSONKeys.of(event) == ["decision", "device_id", "model_version", "mse", "seq", "ts"])
    let object = try JSONKeys.object(event)
    #expect(object["ts"] as? String == "2025-03-01T12:34:56.789Z")
    #expect(object["decision"] as? String == "anomaly")
  }

  @Test("escalation payload keys match DESIGN.md")
  func escalationKeys() throws {
    let event = EscalationEvent(
      ts: ts, seq: 1, deviceID: "m", edgeMSE: 0.02, cloudClassification: 0, cloudConfidence: 0.9,
      latencyMS: 12,
      fallback: false)
    #expect(
      try JSONKeys.of(event) == [
        "cloud_classification", "cloud_confidence", "device_id", "edge_mse", "fallback", "latency_ms", "seq",
        "ts",
      ])
  }

  @Test("status payload keys match DESIGN.md and free_heap is optional")
  func statusKeys() throws {
    let event = StatusEvent(
      ts: ts, seq: 1, deviceID: "m", state: .online, modelVersion: 2, uptimeS: 10, backoffS: 0, queueDepth: 0)
    #expect(
      try JSONKeys.of(event) == [
        "backoff_s", "device_id", "model_version", "queue_depth", "seq", "state", "ts", "uptime_s",
      ])
    var withHeap = event
    withHeap.freeHeap = 12_000
    #expect(try JSONKeys.of(withHeap).contains("free_heap"))
  }

  @Test("ota payload keys match DESIGN.md and rolled_back is spelled with an underscore")
  func otaKeys() throws {
    let event = OTAEvent(
      ts: ts, seq: 1, deviceID: "m", event: .rolledBack, fromVersion: 3, toVersion: 2,
      reason: "self-test failed")
    #expect(
      try JSONKeys.of(event) == ["device_id", "event", "from_version", "reason", "seq", "to_version", "ts"])
    #expect(try JSONKeys.object(event)["event"] as? String == "rolled_back")
  }

  @Test("topics follow edge-ai/device/{id}/{kind} and parse back")
  func topics() {
    #expect(Topics.inference("motor-01") == "edge-ai/device/motor-01/inference")
    #expect(Topics.escalation("motor-01") == "edge-ai/device/motor-01/escalation")
    #expect(Topics.status("motor-01") == "edge-ai/device/motor-01/status")
    #expect(Topics.ota("motor-01") == "edge-ai/device/motor-01/ota")
    #expect(Topics.allDevices == "edge-ai/device/+/#")
    let parsed = Topics.parse("edge-ai/device/motor-01/ota")
    #expect(parsed?.deviceID == "motor-01")
    #expect(parsed?.kind == .ota)
    #expect(Topics.parse("edge-ai/device/motor-01/other") == nil)
    #expect(Topics.parse("edge-ai/device//status") == nil)
  }

  @Test("payloads round-trip through JSON")
  func roundTrip() throws {
    let event = StatusEvent(
      ts: ts, seq: 42, deviceID: "m", state: .offline, modelVersion: 2, uptimeS: 10.5, backoffS: 60,
      queueDepth: 3,
      freeHeap: 100)
    let decoded = try JSONDecoder().decode(StatusEvent.self, from: JSONEncoder().encode(event))
    #expect(decoded == event)
  }
}
