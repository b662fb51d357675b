import EdgeCore
import Foundation
import Learning
import Synchronization
import Testing
import Wire

@testable import CloudServer

/// Telemetry a test sets by hand.
final class FixedTelemetry: RolloutTelemetrySource {
  let reports = Mutex<[DeviceVersionTelemetry]>([])

  func telemetry(since: WireTimestamp) async throws -> [DeviceVersionTelemetry] {
    reports.withLock { $0 }
  }

  /// Sets what `device` reported on `version` (windows, escalations, local anomalies).
  func set(_ device: String, version: Int, _ windows: Int, _ escalations: Int, _ anomalies: Int) {
    reports.withLock { reports in
      reports.removeAll { $0.deviceID == device && $0.version == version }
      reports.append(
        DeviceVersionTelemetry(
          deviceID: device, version: version, windows: windows, escalations: escalations,
          localAnomalies: anomalies))
    }
  }
}

@Suite("Staged rollout", .serialized)
struct RolloutTests {
  @Test(
    "a canary is judged against its own devices on the version before: a busy machine that escalates less than it did passes, a quiet one that escalates more fails, one its devices rolled back fails at once"
  )
  func canaryComparedWithItsOwnPast() {
    let policy = RolloutPolicy(minimumWindows: 500)
    let rest = ModelVersionTelemetry(devices: 9, windows: 5_000, escalations: 250, localAnomalies: 50)
    let busyBefore = ModelVersionTelemetry(devices: 1, windows: 2_000, escalations: 800, localAnomalies: 20)
    let busyNow = ModelVersionTelemetry(devices: 1, windows: 600, escalations: 180, localAnomalies: 6)
    let quietBefore = ModelVersionTelemetry(devices: 1, windows: 2_000, escalations: 20, localAnomalies: 2)
    let quietNow = ModelVersionTelemetry(devices: 1, windows: 600, escalations: 30, localAnomalies: 1)

    let busy = policy.decide(canary: busyNow, baseline: busyBefore, rest: rest)
    #expect(busy == .promote(busy.reason), "30 % where it escalated 40 % is better")
    #expect(busy.reason.contains("the same devices on the previous version"))
    let busyAlone = policy.decide(canary: busyNow, baseline: ModelVersionTelemetry(), rest: rest)
    #expect(busyAlone == .rollBack(busyAlone.reason), "without its own past, 30 % against a fleet at 5 %")
    let quiet = policy.decide(canary: quietNow, baseline: quietBefore, rest: rest)
    #expect(quiet == .rollBack(quiet.reason), "5 % where it escalated 1 % is worse, though below the fleet")
    #expect(quiet.reason.contains("escalates more"))
    var refused = busyNow
    refused.rollbacks = 1
    let refusal = policy.decide(canary: refused, baseline: busyBefore, rest: rest)
    #expect(refusal == .rollBack(refusal.reason), "a canary device rolled it back on its own")
  }

  @Test("canary membership is a pure function of the device id, and a known fleet always has a canary")
  func cohortIsDeterministic() {
    let devices = (0..<20).map { "motor-\($0)" }
    let cohort = CanaryCohort(fraction: 0.1, knownDevices: devices)
    #expect(
      devices.map(cohort.contains)
        == devices.map(CanaryCohort(fraction: 0.1, knownDevices: devices.reversed()).contains))
    let tiny = CanaryCohort(fraction: 1e-9, knownDevices: devices)
    #expect(devices.filter(tiny.contains).count == 1)
    #expect(CanaryCohort(fraction: 1e-9, knownDevices: []).anchor == nil)
    let all = CanaryCohort(fraction: 1, knownDevices: devices)
    #expect(devices.allSatisfy(all.contains))
  }

  @Test(
    "model routes answer per device: the canary cohort gets the candidate's version, thresholds, manifest and bytes"
  )
  func perDeviceRoutes() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let devices = (0..<6).map { "pump-\($0)" }
    for device in devices {
      let body = TestWindows.lessonBody(deviceID: device, features: TestWindows.window(seed: 9), edgeMSE: 0.2)
      #expect(try await server.send(.POST, "/classify", body: body).status == 200)
    }
    let registry = server.server.registry
    let canaryBytes = TestModels.fakeTFLite(size: 1_700)
    try await registry.addEdgeModel(
      tflite: canaryBytes, thresholds: TestModels.thresholds(version: 2), selfTest: [])
    try await registry.setCanaryFraction(1e-9)
    try await registry.transitionEdge(version: 2, to: .canary, reason: "gate passed")
    try await server.server.core.reload(force: true)
    var canaries: [String] = []
    for device in devices {
      let version = try await server.send(.GET, "/model/version?device_id=\(device)").decode(
        ModelVersionResponse.self)
      let thresholds = try await server.send(.GET, "/model/thresholds?device_id=\(device)").decode(
        ThresholdsResponse.self)
      let envelope = try await server.send(.GET, "/model/manifest?device_id=\(device)").decode(
        SignedManifest.self)
      let manifest = try #require(ManifestSigner.verify(envelope, publicKey: registry.signer.publicKey))
      let bytes = try await server.send(.GET, "/model/download?device_id=\(device)").body
      #expect(thresholds.version == version.version)
      #expect(manifest.version == version.version)
      #expect(bytes == (version.version == 2 ? canaryBytes : server.edgeModel))
      if version.version == 2 { canaries.append(device) }
    }
    #expect(canaries == devices.filter(server.server.core.serving.cohort.contains))
    #expect(canaries.count == 1)
    try await server.stop()
  }

  @Test("the controller waits for enough windows, promotes a healthy canary and rolls back a bad one")
  func promoteAndRollBack() async throws {
    let telemetry = FixedTelemetry()
    let fixture = try RetrainingFixture.start(
      telemetry: telemetry, rollout: RolloutPolicy(minimumWindows: 500))
    let registry = fixture.data.registry
    let v1 = try await fixture.trainInitialModel()
    #expect(v1.state == .current)
    try await registry.addThresholdVersion(kLow: 2.5, kHigh: 4.5)
    try await registry.transitionEdge(version: 2, to: .canary, reason: "test")

    for device in 1...9 { telemetry.set("motor-\(device)", version: 1, 600, 48, 6) }
    telemetry.set("motor-0", version: 2, 100, 2, 1)
    #expect(try await fixture.retrainer.rollout.step()?.decision.changesRegistry == false)
    telemetry.set("motor-0", version: 2, 600, 20, 6)
    let promoted = try #require(try await fixture.retrainer.rollout.step())
    guard case .promote = promoted.decision else {
      Issue.record("expected a promotion, got \(promoted.decision)")
      return
    }
    var snapshot = try await registry.snapshot()
    #expect(snapshot.currentEdge?.version == 2)
    #expect(snapshot.edgeModel(version: 1)?.state == .retired)

    try await registry.addThresholdVersion(kLow: 0.5, kHigh: 1)
    try await registry.transitionEdge(version: 3, to: .canary, reason: "test")
    telemetry.reports.withLock { $0.removeAll() }
    for device in 1...9 { telemetry.set("motor-\(device)", version: 2, 600, 12, 3) }
    telemetry.set("motor-0", version: 3, 800, 200, 120)
    let rolledBack = try #require(try await fixture.retrainer.rollout.step())
    guard case .rollBack(let reason) = rolledBack.decision else {
      Issue.record("expected a rollback, got \(rolledBack.decision)")
      return
    }
    snapshot = try await registry.snapshot()
    #expect(snapshot.edgeModel(version: 3)?.state == .rolledBack)
    #expect(snapshot.edgeModel(version: 3)?.reason == reason)
    #expect(reason.contains("escalates more") && reason.contains("raises more anomalies"))
    #expect(snapshot.currentEdge?.version == 2)
    let back = try #require(snapshot.manifests.last)
    #expect(back.version == 2)
    let manifest = try #require(ManifestSigner.verify(back.envelope, publicKey: registry.signer.publicKey))
    #expect(manifest.rollback && manifest.rollbackFrom == 3)
    await fixture.stop()
  }

  @Test("a candidate that passed its gate while a canary ran takes over when that canary is rolled back")
  func waitingCandidateFollowsRolledBackCanary() async throws {
    let telemetry = FixedTelemetry()
    let fixture = try await Self.canaryWithWaitingCandidate(telemetry: telemetry)
    for device in 1...9 { telemetry.set("motor-\(device)", version: 1, 600, 12, 3) }
    telemetry.set("motor-0", version: 2, 800, 200, 120)
    try await fixture.retrainer.tick()
    let snapshot = try await fixture.data.registry.snapshot()
    #expect(snapshot.edgeModel(version: 2)?.state == .rolledBack)
    #expect(snapshot.canaryEdge?.version == 3)
    #expect(snapshot.canaryEdge?.reason?.hasPrefix("waited while v2 was in canary") == true)
    #expect(snapshot.currentEdge?.version == 1)
    await fixture.stop()
  }

  @Test(
    "a candidate gated against a model that is no longer current stays a candidate when the canary is promoted"
  )
  func staleCandidateStaysCandidate() async throws {
    let telemetry = FixedTelemetry()
    let fixture = try await Self.canaryWithWaitingCandidate(telemetry: telemetry)
    for device in 1...9 { telemetry.set("motor-\(device)", version: 1, 600, 48, 6) }
    telemetry.set("motor-0", version: 2, 600, 20, 6)
    try await fixture.retrainer.tick()
    let snapshot = try await fixture.data.registry.snapshot()
    #expect(snapshot.currentEdge?.version == 2)
    #expect(snapshot.canaryEdge == nil)
    #expect(snapshot.edgeModel(version: 3)?.state == .candidate)
    await fixture.stop()
  }

  /// v1 current, v2 (a drift retrain) in canary, v3 (another one, gate passed, gated against v1) waiting.
  private static func canaryWithWaitingCandidate(telemetry: FixedTelemetry) async throws -> RetrainingFixture
  {
    let fixture = try RetrainingFixture.start(
      validation: (normal: 40, faulty: 40), telemetry: telemetry, rollout: RolloutPolicy(minimumWindows: 500))
    _ = try await fixture.trainInitialModel()
    try await fixture.escalate(
      RetrainingFixture.driftedWindows(count: 80, seed: 50), classification: 0, confidence: 0.95)
    let v2 = try await fixture.retrainer.runCycle()
    try #require(v2.state == .canary, "\(v2.report.gate.reason)")
    try await fixture.escalate(
      RetrainingFixture.driftedWindows(count: 80, seed: 51), classification: 0, confidence: 0.95)
    let v3 = try await fixture.retrainer.runCycle()
    try #require(v3.report.gate.passed, "\(v3.report.gate.reason)")
    #expect(v3.state == .candidate, "one canary at a time")
    return fixture
  }

  @Test("server-observed telemetry counts escalations by model version and summary windows by served version")
  func serverObservedTelemetry() async throws {
    let fixture = try RetrainingFixture.start()
    let since = WireTimestamp.now()
    try await fixture.escalate(
      TestWindows.windows(count: 3, faulty: false, seed: 60), classification: 0, confidence: 0.9, device: "a")
    try await fixture.escalate(
      TestWindows.windows(count: 2, faulty: false, seed: 61), classification: 0, confidence: 0.9, device: "b")
    let histogram: [Float] = [50, 20, 10, 5, 3, 2, 1, 1, 4, 2]
    for device in ["a", "b"] {
      _ = try await fixture.store.record(
        summary: SummaryRecord(
          deviceID: device, ts: .now(), receivedAt: .now(),
          summary: [0, 1, 0, 1, 1, 1] + histogram + [25, 25, 25, 98]))
    }
    let source = ServerObservedTelemetry(store: fixture.store) { device, _ in device == "a" ? 7 : 1 }
    let reports = try await source.telemetry(since: since)
    let v1 = ModelVersionTelemetry(combining: reports.filter { $0.version == 1 })
    let v7 = ModelVersionTelemetry(combining: reports.filter { $0.version == 7 })
    #expect(v1.escalations == 5)
    #expect(v1.devices == 2)
    #expect(v1.windows == 98)
    #expect(v7.windows == 98)
    #expect(v7.localAnomalies == 6)
    #expect(v7.escalations == 0)
    let canaryStart = WireTimestamp.now()
    let beforeCanary = ServerObservedTelemetry(store: fixture.store) { device, time in
      device == "a" && time >= canaryStart ? 7 : 1
    }
    #expect(try await beforeCanary.telemetry(since: since).allSatisfy { $0.version == 1 })
    await fixture.stop()
  }
}
