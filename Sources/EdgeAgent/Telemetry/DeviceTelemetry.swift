import EdgeCore
import Foundation
import Synchronization
import Wire

/// A device's telemetry voice: numbers every message with the per-device `seq`, stamps it with the device
/// clock's wall time, and hands it to the sink. Shared by the inference loop and the OTA updater (as its
/// `OTAEventSink`), so both draw from one counter.
public final class DeviceTelemetry: OTAEventSink {
  /// The device speaking.
  public let deviceID: String
  /// Where events go.
  public let sink: any TelemetrySink
  private let clock: any DeviceClock
  private let nextSeq = Atomic<UInt64>(1)

  /// A voice for `deviceID` on `sink`, timed by `clock`.
  public init(deviceID: String, sink: any TelemetrySink, clock: any DeviceClock) {
    self.deviceID = deviceID
    self.sink = sink
    self.clock = clock
  }

  /// The next message's seq (1 for the first; the last will carries 0).
  private func takeSeq() -> UInt64 { nextSeq.wrappingAdd(1, ordering: .relaxed).oldValue }

  private var ts: WireTimestamp { WireTimestamp(clock.date) }

  /// Publishes a local decision on `inference`.
  public func inference(mse: Float, decision: Decision, modelVersion: Int) {
    sink.publish(
      .inference(
        InferenceEvent(
          ts: ts, seq: takeSeq(), deviceID: deviceID, mse: Double(mse),
          decision: decision == .anomaly ? .anomaly : .normal, modelVersion: modelVersion)))
  }

  /// Publishes how an ambiguous window was decided on `escalation`.
  public func escalation(
    edgeMSE: Float, decision: Decision, confidence: Double, latencyMS: Double, fallback: Bool
  ) {
    sink.publish(
      .escalation(
        EscalationEvent(
          ts: ts, seq: takeSeq(), deviceID: deviceID, edgeMSE: Double(edgeMSE),
          cloudClassification: Int(decision.rawValue), cloudConfidence: confidence, latencyMS: latencyMS,
          fallback: fallback)))
  }

  /// Publishes the retained `status`.
  public func status(
    state: DeviceState, modelVersion: Int, uptimeS: Double, backoffS: Double, queueDepth: Int,
    counts: DecisionCounts
  ) {
    sink.publish(
      .status(
        StatusEvent(
          ts: ts, seq: takeSeq(), deviceID: deviceID, state: state, modelVersion: modelVersion,
          uptimeS: uptimeS,
          backoffS: backoffS, queueDepth: queueDepth, counts: counts)))
  }

  /// Publishes an OTA step on `ota`.
  public func publish(_ event: OTAStepEvent) async {
    sink.publish(
      .ota(
        OTAEvent(
          ts: ts, seq: takeSeq(), deviceID: deviceID,
          event: OTAStep(rawValue: event.step.rawValue) ?? .rejected,
          fromVersion: event.fromVersion, toVersion: event.toVersion, reason: event.reason)))
  }
}
