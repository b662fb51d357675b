import Testing
import Wire

@testable import CloudServer

@Suite("Fleet state")
struct FleetStateTests {
  typealias E = TelemetryEvents

  @Test("a status sets health fields; an inference sets the last decision and counts the window")
  func statusAndInferenceAreKept() async throws {
    let fleet = FleetState()
    await fleet.ingest(E.status("m1", seq: 1, version: 3, uptime: 42, backoff: 4, queue: 2), at: E.at(0))
    await fleet.ingest(E.inference("m1", seq: 2, decision: .anomaly, mse: 0.2, version: 3), at: E.at(1))
    let device = try #require(await fleet.device("m1", at: E.at(2)))
    #expect(device.modelVersion == 3)
    #expect(device.uptimeS == 42)
    #expect(device.queueDepth == 2)
    #expect(device.health == .degraded)
    #expect(device.lastDecision?.zone == .anomaly)
    #expect(device.counts == DecisionCounts(anomaly: 1))
    #expect(device.lastSeen == E.at(1))
    #expect(await fleet.device("m2") == nil)
  }

  @Test(
    "a last will (status offline with the connection's old seq) marks the device offline, not a duplicate")
  func lastWillMarksOffline() async throws {
    let fleet = FleetState()
    await fleet.ingest(E.status("m1", seq: 1), at: E.at(0))
    await fleet.ingest(E.inference("m1", seq: 2), at: E.at(1))
    await fleet.ingest(E.status("m1", seq: 0, state: .offline), at: E.at(2))
    let device = try #require(await fleet.device("m1", at: E.at(3)))
    #expect(device.health == .offline)
    #expect(device.state == .offline)
    #expect(device.sequence.duplicates == 0)
    await fleet.ingest(E.status("m1", seq: 3), at: E.at(4))
    #expect(await fleet.device("m1", at: E.at(5))?.health == .ok)
  }

  @Test("an online device silent longer than the stale limit is stale, and the sweep moves the revision")
  func silenceMakesStale() async throws {
    let fleet = FleetState(configuration: FleetConfiguration(staleAfter: .seconds(30)))
    await fleet.ingest(E.status("m1", seq: 1), at: E.at(0))
    await fleet.sweep(at: E.at(1))
    let revision = await fleet.revision
    #expect(await fleet.device("m1", at: E.at(29))?.health == .ok)
    #expect(await fleet.device("m1", at: E.at(31))?.health == .stale)
    await fleet.sweep(at: E.at(31))
    #expect(await fleet.revision > revision)
    #expect(await fleet.overview(at: E.at(31)).summary.health.stale == 1)
  }

  @Test("seq gaps and duplicates are counted; a restart (lower uptime) starts the counter again")
  func sequenceGapsAndDuplicates() async throws {
    let fleet = FleetState()
    for seq: UInt64 in [1, 2, 5, 5, 6] {
      await fleet.ingest(E.inference("m1", seq: seq), at: E.at(Double(seq)))
    }
    var sequence = try #require(await fleet.device("m1")?.sequence)
    #expect(sequence.gaps == 2)
    #expect(sequence.duplicates == 1)
    #expect(sequence.last == 6)
    await fleet.ingest(E.status("m1", seq: 7, uptime: 100), at: E.at(7))
    await fleet.ingest(E.status("m1", seq: 1, uptime: 1), at: E.at(8))
    await fleet.ingest(E.inference("m1", seq: 2), at: E.at(9))
    sequence = try #require(await fleet.device("m1")?.sequence)
    #expect(sequence.restarts == 1)
    #expect(sequence.duplicates == 1)
    #expect(sequence.gaps == 2)
  }

  @Test("a retained status replayed by the broker is neither a duplicate nor fresh contact")
  func retainedReplay() async throws {
    let fleet = FleetState(configuration: FleetConfiguration(staleAfter: .seconds(30)))
    await fleet.ingest(E.status("m1", seq: 4, ts: E.at(0)), retained: true, at: E.at(100))
    let device = try #require(await fleet.device("m1", at: E.at(100)))
    #expect(device.lastSeen == E.at(0))
    #expect(device.health == .stale)
    await fleet.ingest(E.status("m1", seq: 4, ts: E.at(0)), retained: true, at: E.at(101))
    #expect(await fleet.device("m1")?.sequence.duplicates == 0)
  }

  @Test("status totals give exact windows per version; events are not counted twice")
  func versionStatistics() async throws {
    let fleet = FleetState()
    await fleet.ingest(E.status("a", seq: 1, version: 1, counts: DecisionCounts(normal: 100)), at: E.at(0))
    await fleet.ingest(E.inference("a", seq: 2), at: E.at(1))
    await fleet.ingest(
      E.status(
        "a", seq: 3, version: 1, counts: DecisionCounts(normal: 190, anomaly: 2, escalated: 6, fallback: 2)),
      at: E.at(10))
    await fleet.ingest(E.status("b", seq: 1, version: 2), at: E.at(0))
    for seq: UInt64 in 2...9 { await fleet.ingest(E.inference("b", seq: seq, version: 2), at: E.at(2)) }
    await fleet.ingest(E.escalation("b", seq: 10, classification: 1), at: E.at(3))
    await fleet.ingest(E.escalation("b", seq: 11, classification: 0, fallback: true), at: E.at(3))

    let statistics = await fleet.versionStatistics(at: E.at(11))
    let v1 = statistics[1]
    #expect(v1.devices == 1)
    #expect(v1.counts == DecisionCounts(normal: 90, anomaly: 2, escalated: 6, fallback: 2))
    #expect(v1.escalationRate == 0.08)
    let v2 = statistics[2]
    #expect(v2.counts == DecisionCounts(normal: 8, escalated: 1, fallback: 1))
    #expect(v2.escalationEvents == 2)
    #expect(v2.cloudAnomalies == 1)
    #expect(v2.fallbackRate == 0.1)
    #expect(statistics.excluding(2).counts == v1.counts)
    #expect(
      await fleet.device("a")?.counts == DecisionCounts(normal: 190, anomaly: 2, escalated: 6, fallback: 2))

    let series = await fleet.overview(at: E.at(11)).series
    let total = series.points.reduce(DecisionCounts()) {
      var sum = $0
      sum.add($1.counts)
      return sum
    }
    #expect(total.windows == v1.windows + v2.windows)
  }

  @Test(
    "an applied OTA update is a version transition; a later rollback is one too, and marks the version given up"
  )
  func otaTransitions() async throws {
    let fleet = FleetState(configuration: FleetConfiguration(otaHistoryLimit: 3))
    await fleet.ingest(E.status("m1", seq: 1, version: 1), at: E.at(0))
    for (seq, step) in [(2, OTAStep.check), (3, .download), (4, .verified), (5, .applied)] {
      await fleet.ingest(E.ota("m1", seq: UInt64(seq), step: step, from: 1, to: 2), at: E.at(Double(seq)))
    }
    await fleet.ingest(E.status("m1", seq: 6, version: 2), at: E.at(6))
    await fleet.ingest(
      E.ota("m1", seq: 7, step: .rolledBack, from: 2, to: 1, reason: "self-test"), at: E.at(7))
    let device = try #require(await fleet.device("m1"))
    #expect(device.modelVersion == 1)
    #expect(device.ota.map(\.event) == [.verified, .applied, .rolledBack])
    let transitions = await fleet.overview().transitions
    #expect(transitions.map(\.cause) == [.rolledBack, .applied])
    #expect(transitions.map(\.toVersion) == [1, 2])
    let rollout = try await fleet.telemetry(since: E.start)
    #expect(rollout.contains { $0.deviceID == "m1" && $0.version == 2 && $0.rolledBack })
    #expect(!rollout.contains { $0.version == 1 && $0.rolledBack })
  }

  @Test("retraining runs are listed newest first and a run recorded again is updated in place")
  func retrainingHistory() async throws {
    let fleet = FleetState()
    await fleet.recordRetraining(
      RetrainingRecord(startedAt: E.at(0), outcome: "running", reason: "200 escalations"))
    await fleet.recordRetraining(RetrainingRecord(startedAt: E.at(100), outcome: "running", reason: "drift"))
    await fleet.recordRetraining(
      RetrainingRecord(
        startedAt: E.at(0), finishedAt: E.at(50), fromVersion: 1, toVersion: 2, outcome: "canary",
        reason: "200 escalations"))
    let history = await fleet.overview().retraining
    #expect(history.map(\.outcome) == ["running", "canary"])
    #expect(history.last?.toVersion == 2)
  }

  @Test("malformed telemetry and server verdicts show in the overview")
  func malformedAndServerVerdicts() async throws {
    let fleet = FleetState()
    await fleet.recordMalformed(reason: "not JSON")
    fleet.recordCloudVerdict(
      deviceID: "m9", edgeMSE: 0.04, modelVersion: 2,
      verdict: CloudVerdict(classification: 1, confidence: 0.8, cloudMSE: 0.06, cloudModel: "cloud-1"))
    let overview = await fleet.overview()
    #expect(overview.malformed.count == 1)
    #expect(overview.malformed.recent.first?.reason == "not JSON")
    #expect(overview.escalations.first?.source == .server)
    #expect(overview.escalations.first?.cloudModel == "cloud-1")
    #expect(overview.summary.devices == 0)
  }

  /// A `/classify` verdict for `device` with cloud MSE `mse`.
  static func recordVerdict(_ fleet: FleetState, device: String, mse: Double) {
    fleet.recordCloudVerdict(
      deviceID: device, edgeMSE: 0.04, modelVersion: 2,
      verdict: CloudVerdict(classification: 1, confidence: 0.8, cloudMSE: mse, cloudModel: "cloud-1"))
  }

  @Test(
    "verdicts handed over without waiting keep their place among device escalations and each moves the revision"
  )
  func serverVerdictsKeepTheirOrder() async {
    let fleet = FleetState()
    let start = await fleet.revision
    await fleet.ingest(E.escalation("a", seq: 1, classification: 1), at: E.at(1))
    Self.recordVerdict(fleet, device: "s1", mse: 0.1)
    Self.recordVerdict(fleet, device: "s2", mse: 0.2)
    await fleet.ingest(E.escalation("b", seq: 1, classification: 0), at: E.at(2))
    Self.recordVerdict(fleet, device: "s3", mse: 0.3)
    #expect(await fleet.revision == start + 5)
    let overview = await fleet.overview()
    #expect(overview.escalations.map(\.deviceID) == ["s3", "b", "s2", "s1", "a"])
    #expect(overview.escalations.compactMap(\.cloudMSE) == [0.3, 0.2, 0.1])
    #expect(await fleet.revision == start + 5, "looking changes nothing")
  }

  @Test("unseen verdicts keep only the newest the fleet lists, yet every one moves the revision")
  func unseenVerdictsAreBounded() async {
    let fleet = FleetState(configuration: FleetConfiguration(recentEscalationLimit: 3))
    for index in 0..<1000 { Self.recordVerdict(fleet, device: "s\(index)", mse: Double(index)) }
    #expect(await fleet.revision == 1000)
    let overview = await fleet.overview()
    #expect(overview.escalations.map(\.deviceID) == ["s999", "s998", "s997"])
  }
}
