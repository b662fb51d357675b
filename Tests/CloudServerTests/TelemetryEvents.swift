import CloudServer
import Wire

/// Builders for device telemetry as the device runtime publishes it.
enum TelemetryEvents {
  static let start = WireTimestamp(millisecondsSince1970: 1_800_000_000_000)

  /// `start` plus `seconds`.
  static func at(_ seconds: Double) -> WireTimestamp {
    WireTimestamp(millisecondsSince1970: start.millisecondsSince1970 + Int64(seconds * 1000))
  }

  static func status(
    _ id: String, seq: UInt64, state: DeviceState = .online, version: Int = 1, uptime: Double = 10,
    backoff: Double = 0, queue: Int = 0, counts: DecisionCounts? = nil, ts: WireTimestamp = start
  ) -> TelemetryEvent {
    .status(
      StatusEvent(
        ts: ts, seq: seq, deviceID: id, state: state, modelVersion: version, uptimeS: uptime,
        backoffS: backoff,
        queueDepth: queue, counts: counts))
  }

  static func inference(
    _ id: String, seq: UInt64, decision: EdgeDecision = .normal, mse: Double = 0.01, version: Int = 1
  ) -> TelemetryEvent {
    .inference(
      InferenceEvent(ts: start, seq: seq, deviceID: id, mse: mse, decision: decision, modelVersion: version))
  }

  static func escalation(
    _ id: String, seq: UInt64, classification: Int = 1, fallback: Bool = false, mse: Double = 0.05
  ) -> TelemetryEvent {
    .escalation(
      EscalationEvent(
        ts: start, seq: seq, deviceID: id, edgeMSE: mse, cloudClassification: classification,
        cloudConfidence: 0.9, latencyMS: fallback ? 0 : 42, fallback: fallback))
  }

  static func ota(_ id: String, seq: UInt64, step: OTAStep, from: Int, to: Int, reason: String? = nil)
    -> TelemetryEvent
  {
    .ota(
      OTAEvent(
        ts: start, seq: seq, deviceID: id, event: step, fromVersion: from, toVersion: to, reason: reason))
  }
}
