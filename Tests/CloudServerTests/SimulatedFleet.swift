import CloudServer
import EdgeCore
import Wire

/// A handful of devices with five minutes of history (deterministic): healthy ones, one backing off with a
/// queue, one canary updated over the air, one gone offline; escalations, verdicts and a retraining run.
enum SimulatedFleet {
  /// Device id and the model version it ends on.
  static let devices: [(id: String, version: Int)] = [
    ("motor-01", 3), ("motor-02", 3), ("motor-03", 3), ("motor-04", 3), ("pump-07", 4), ("fan-11", 3),
  ]

  /// Feeds the history ending at `now` into `fleet`.
  static func populate(_ fleet: FleetState, endingAt now: WireTimestamp) async {
    var random = SplitMix64(seed: 7)
    let steps = 30
    func time(_ step: Int) -> WireTimestamp {
      WireTimestamp(millisecondsSince1970: now.millisecondsSince1970 - Int64((steps - step) * 10_000))
    }
    for (index, device) in devices.enumerated() {
      var counts = DecisionCounts()
      var seq: UInt64 = 0
      var version = 3
      let lastStep = device.id == "fan-11" ? steps - 12 : steps
      for step in 0...lastStep {
        let at = time(step)
        let windows = UInt64(90 + Int.random(in: 0..<20, using: &random))
        let ambiguous = UInt64(Int.random(in: 0..<(step > 18 && index == 0 ? 12 : 5), using: &random))
        counts.normal += windows - ambiguous - 1
        counts.anomaly += UInt64(Int.random(in: 0..<2, using: &random))
        let cloudDown = device.id == "motor-04" && step > 22
        if cloudDown { counts.fallback += ambiguous } else { counts.escalated += ambiguous }
        if device.version == 4 && step == 15 {
          for stage in [OTAStep.check, .download, .verified, .applied] {
            seq += 1
            await fleet.ingest(
              .ota(
                OTAEvent(ts: at, seq: seq, deviceID: device.id, event: stage, fromVersion: 3, toVersion: 4)),
              at: at)
          }
          version = 4
        }
        seq += 1
        await fleet.ingest(
          .status(
            StatusEvent(
              ts: at, seq: seq, deviceID: device.id, state: .online, modelVersion: version,
              uptimeS: Double(3_600 + step * 10 + index * 500), backoffS: cloudDown ? 8 : 0,
              queueDepth: cloudDown ? step - 22 : 0, freeHeap: 180_000 + index * 1_000, counts: counts)),
          at: at)
        if ambiguous > 0 && step % 6 == index % 6 {
          seq += 1
          await fleet.ingest(
            .escalation(
              EscalationEvent(
                ts: at, seq: seq, deviceID: device.id,
                edgeMSE: 0.031 + Double(Int.random(in: 0..<20, using: &random)) / 1000,
                cloudClassification: step % 4 == 0 ? 1 : 0,
                cloudConfidence: 0.7 + Double(Int.random(in: 0..<29, using: &random)) / 100,
                latencyMS: cloudDown ? 0 : Double(35 + Int.random(in: 0..<60, using: &random)),
                fallback: cloudDown)), at: at)
        }
        seq += 1
        await fleet.ingest(
          .inference(
            InferenceEvent(
              ts: at, seq: seq, deviceID: device.id,
              mse: 0.004 + Double(Int.random(in: 0..<10, using: &random)) / 1000,
              decision: .normal, modelVersion: version)), at: at)
      }
      if device.id == "fan-11" {
        await fleet.ingest(
          .status(
            StatusEvent(
              ts: time(lastStep), seq: 0, deviceID: device.id, state: .offline, modelVersion: version,
              uptimeS: 0, backoffS: 0, queueDepth: 0)), at: time(lastStep + 1))
      }
    }
    fleet.recordCloudVerdict(
      deviceID: "motor-02", edgeMSE: 0.037, modelVersion: 3,
      verdict: CloudVerdict(classification: 1, confidence: 0.93, cloudMSE: 0.051, cloudModel: "cloud-2"),
      at: time(29))
    await fleet.recordRetraining(
      RetrainingRecord(
        startedAt: time(10), finishedAt: time(14), fromVersion: 3, toVersion: 4, outcome: "canary",
        reason: "412 escalations since v3; validation ROC AUC 0.991 ≥ 0.985",
        details: ["escalations": "412", "auc": "0.991", "canary": "10 %"]))
    await fleet.sweep(at: now)
  }
}
