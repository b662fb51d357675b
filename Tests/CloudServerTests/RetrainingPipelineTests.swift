import EdgeCore
import Foundation
import Learning
import Testing
import Wire

@testable import CloudServer

@Suite("Retraining pipeline", .serialized)
struct RetrainingPipelineTests {
  @Test("a cycle registers a signed candidate with its statistics and archives every escalation it read")
  func cycleRegistersCandidate() async throws {
    let fixture = try RetrainingFixture.start(validation: (normal: 40, faulty: 40))
    let first = try await fixture.trainInitialModel()
    #expect(first.state == .current)
    #expect(!first.report.warmStart)
    try await fixture.escalate(
      RetrainingFixture.driftedWindows(count: 80, seed: 20), classification: 0, confidence: 0.95)
    try await fixture.escalate(
      TestWindows.windows(count: 20, faulty: true, seed: 21), classification: 1, confidence: 0.9)
    try await fixture.escalate(
      RetrainingFixture.driftedWindows(count: 10, seed: 22), classification: 0, confidence: 0.5)

    let cycle = try await fixture.retrainer.runCycle()
    let report = cycle.report
    #expect(report.version == 2)
    #expect(report.baselineVersion == 1)
    #expect(report.warmStart)
    #expect(report.samples.anomalousEscalations == 20)
    #expect(report.samples.uncertainEscalations == 10)
    #expect(
      report.samples.baseTraining + report.samples.normalEscalations + report.samples.heldBackNormal == 380)
    #expect(report.consumedEscalations == 110)
    #expect(report.epochs > 0)

    let snapshot = try await fixture.data.registry.snapshot()
    let record = try #require(snapshot.edgeModel(version: 2))
    let stats = try JSONDecoder().decode(
      RetrainingReport.self, from: Data(try #require(record.trainingStats).utf8))
    #expect(stats == report)
    #expect(record.reason == report.gate.reason)
    #expect(record.expectedEscalationRate == report.expectedEscalationRate)
    let bytes = try fixture.data.registry.edgeModelBytes(record)
    let model = try EdgeModel(bytes: [UInt8](bytes))
    #expect(model.modelVersion == 2)
    #expect(try fixture.data.registry.files.edgeFloatModel(sha256: record.sha256) != nil)

    if cycle.state == .canary {
      let manifest = try #require(snapshot.latestManifest(version: 2))
      let verified = try #require(
        ManifestSigner.verify(manifest.envelope, publicKey: fixture.data.registry.signer.publicKey))
      #expect(verified.sha256 == record.sha256)
      #expect(verified.expectedEscalationRate == report.expectedEscalationRate)
    } else {
      Issue.record("a drift retrain should pass its gate: \(report.gate.reason)")
    }
    let archived = try await fixture.store.escalations(EscalationQuery())
    #expect(archived.count == 110)
    #expect(archived.allSatisfy { $0.consumedByVersion == 2 })
    #expect(try await fixture.store.unconsumedEscalationCount() == 0)
    await fixture.stop()
  }
}

extension RetrainingPipelineTests {
  @Test(
    "the gate keeps a poisoned retrain (anomalies labelled normal by an operator) a candidate, with the reason"
  )
  func gateStopsPoison() async throws {
    let fixture = try RetrainingFixture.start(validation: (normal: 60, faulty: 60))
    _ = try await fixture.trainInitialModel()
    let ids = try await fixture.escalate(
      TestWindows.windows(count: 400, faulty: true, seed: 30), classification: 1, confidence: 0.95)
    for id in ids { #expect(try await fixture.store.setOperatorLabel(0, escalationID: id)) }

    let cycle = try await fixture.retrainer.runCycle()
    #expect(!cycle.report.gate.passed)
    #expect(cycle.state == .candidate)
    #expect(cycle.report.samples.anomalousEscalations == 0)
    let record = try #require(try await fixture.data.registry.snapshot().edgeModel(version: 2))
    #expect(record.state == .candidate)
    #expect(record.reason?.hasPrefix("gate failed") == true)
    #expect(try await fixture.data.registry.snapshot().currentEdge?.version == 1)
    await fixture.stop()
  }

  @Test("an operator's verdict on an escalation a cycle already consumed brings it into the next cycle")
  func lateOperatorLabelIsRetrainedOn() async throws {
    let fixture = try RetrainingFixture.start(validation: (normal: 40, faulty: 40))
    _ = try await fixture.trainInitialModel()
    let ids = try await fixture.escalate(
      RetrainingFixture.driftedWindows(count: 40, seed: 40), classification: 1, confidence: 0.6)
    let first = try await fixture.retrainer.runCycle()
    #expect(first.report.samples.operatorLabelled == 0)
    #expect(try await fixture.store.unconsumedEscalationCount() == 0)

    for id in ids.prefix(25) { #expect(try await fixture.store.setOperatorLabel(0, escalationID: id)) }
    #expect(try await fixture.store.unconsumedEscalationCount() == 25)
    for id in ids.prefix(25) { #expect(try await fixture.store.setOperatorLabel(0, escalationID: id)) }
    #expect(try await fixture.store.unconsumedEscalationCount() == 25, "the same label again is no news")
    let second = try await fixture.retrainer.runCycle()
    #expect(second.report.samples.operatorLabelled == 25)
    #expect(second.report.consumedEscalations == 25)

    #expect(try await fixture.store.setOperatorLabel(0, escalationID: ids[0]))
    #expect(try await fixture.store.setOperatorLabel(nil, escalationID: ids[1]))
    #expect(
      try await fixture.store.unconsumedEscalationCount() == 0, "an unchanged or cleared label is no news")
    #expect(try await fixture.store.setOperatorLabel(1, escalationID: ids[2]))
    #expect(try await fixture.store.unconsumedEscalationCount() == 1, "a changed verdict is news")
    await fixture.stop()
  }

  @Test("an operator label posted to the server is stored and shown with the escalation")
  func labelRoute() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let body = TestWindows.lessonBody(
      deviceID: "motor-01", features: TestWindows.window(seed: 5), edgeMSE: 0.2)
    #expect(try await server.send(.POST, "/classify", body: body).status == 200)
    let id = try #require(try await server.server.escalations.escalations(EscalationQuery()).first?.id)
    let labelled = try await server.send(
      .POST, "/escalations/\(id)/label", body: Data(#"{"label":"anomaly"}"#.utf8), token: "admin-secret")
    #expect(labelled.status == 200)
    #expect(try labelled.decode(StoredEscalation.self).operatorLabel == 1)
    let normal = try await server.send(
      .POST, "/escalations/\(id)/label", body: Data(#"{"label":"normal"}"#.utf8), token: "admin-secret")
    #expect(try normal.decode(StoredEscalation.self).operatorLabel == 0)
    let bad = try await server.send(
      .POST, "/escalations/\(id)/label", body: Data(#"{"label":"broken"}"#.utf8), token: "admin-secret")
    #expect(bad.status == 400)
    #expect(try await server.server.escalations.escalation(id: id)?.operatorLabel == 0)
    try await server.stop()
  }

  @Test("the automatic trigger fires at the escalation count, not before, and not during a canary")
  func triggerAtCount() async throws {
    let fixture = try RetrainingFixture.start(trigger: RetrainingTrigger(escalationCount: 30))
    _ = try await fixture.trainInitialModel()
    try await fixture.escalate(
      RetrainingFixture.driftedWindows(count: 29, seed: 50), classification: 0, confidence: 0.95)
    #expect(try await fixture.retrainer.tick() == nil)
    try await fixture.escalate(
      RetrainingFixture.driftedWindows(count: 1, seed: 51), classification: 0, confidence: 0.95)
    let cycle = try #require(try await fixture.retrainer.tick())
    #expect(cycle.report.version == 2)
    #expect(cycle.report.consumedEscalations == 30)
    try await fixture.escalate(
      RetrainingFixture.driftedWindows(count: 40, seed: 52), classification: 0, confidence: 0.95)
    if cycle.state == .canary { #expect(try await fixture.retrainer.due() == nil) }
    await fixture.stop()
  }

  @Test("the interval trigger needs a new escalation and an old enough model")
  func triggerInterval() {
    let trigger = RetrainingTrigger(escalationCount: 500, interval: .seconds(3600))
    #expect(trigger.reason(newEscalations: 0, sinceLastModel: .seconds(7200)) == nil)
    #expect(trigger.reason(newEscalations: 3, sinceLastModel: .seconds(60)) == nil)
    #expect(trigger.reason(newEscalations: 3, sinceLastModel: .seconds(3600)) != nil)
    #expect(trigger.reason(newEscalations: 500, sinceLastModel: nil) != nil)
  }
}
