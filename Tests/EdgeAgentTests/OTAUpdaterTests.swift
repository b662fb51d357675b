import EdgeCore
import Foundation
import Testing

@testable import EdgeAgent

@Suite struct OTAUpdaterTests {
  /// A device with an empty partition (built-in model, version 0), a server, a signer, a loop and a recorder.
  struct Rig {
    let directory: TemporaryDirectory
    let signer = ManifestSigner()
    let source = InMemoryModelSource()
    let activator = FakeActivator()
    let sink = RecordingSink()
    var configuration = OTAConfiguration(
      maximumDownloadFailures: 3,
      healthPolicy: ModelHealthWatch.Policy(decisions: 20, factor: 3, floorRate: 0.1))

    init() throws {
      directory = try TemporaryDirectory()
    }

    func updater() async throws -> OTAUpdater<InMemoryModelSource, FakeActivator, RecordingSink> {
      try await OTAUpdater(
        store: try ModelSlotStore(directory: directory.path), source: source, activator: activator,
        sink: sink,
        verifier: signer.verifier, configuration: configuration)
    }

    /// An updater that took updates to each of `versions` in turn (manifest serials 1, 2, …).
    func updater(after versions: Int...) async throws -> OTAUpdater<
      InMemoryModelSource, FakeActivator, RecordingSink
    > {
      let updater = try await updater()
      for (index, version) in versions.enumerated() {
        try publish(version: version, serial: index + 1)
        _ = await updater.checkForUpdate()
      }
      sink.clear()
      return updater
    }

    /// Publishes model `version` (gain = version) under manifest `serial`.
    func publish(version: Int, serial: Int, rollback: Bool = false, expectedGain: UInt8? = nil) throws {
      let payload = FakeModel.payload(gain: UInt8(truncatingIfNeeded: version))
      let envelope = try signer.sign(
        signer.document(
          serial: serial, version: version, payload: payload, rollback: rollback, expectedGain: expectedGain,
          expectedEscalationRate: 0.02))
      source.script.withLock {
        $0.version = version
        $0.manifest = envelope
        $0.models[version] = payload
      }
    }
  }

  @Test func happyPathInstallsSwitchesSelfTestsAndConfirms() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater()
    try rig.publish(version: 3, serial: 1)
    #expect(await updater.checkForUpdate() == .applied(version: 3))
    #expect(rig.sink.steps == [.check, .download, .verified, .applied])
    #expect(await updater.running == OTAUpdateMachine.Running(version: 3, slot: .a))
    #expect(
      await updater.slotState == ModelSlotState(statusA: .confirmed, statusB: .empty, manifestSerial: 1))
    let active = rig.activator.active.withLock { $0 }
    let manifestThresholds = try ZoneThresholds(low: 0.2, high: 0.4)
    #expect(active.version == 3 && active.thresholds == manifestThresholds)
    #expect(rig.activator.history.withLock { $0 } == [-1, 3])
    #expect(try ModelSlotImage.validate(rig.directory.bytes("slot-a.bin")).modelVersion == 3)
  }

  @Test func secondUpdateGoesToTheOtherSlotAndARestartBootsIt() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater(after: 3)
    try rig.publish(version: 4, serial: 2)
    #expect(await updater.checkForUpdate() == .applied(version: 4))
    #expect(await updater.running == OTAUpdateMachine.Running(version: 4, slot: .b))
    #expect(await updater.checkForUpdate() == .upToDate(version: 4))
    let restarted = try await rig.updater()
    #expect(await restarted.running == OTAUpdateMachine.Running(version: 4, slot: .b))
  }

  @Test func tamperedBytesAreRejectedAndTheRunningModelStays() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater()
    try rig.publish(version: 3, serial: 1)
    rig.source.script.withLock { $0.models[3]![100] ^= 0xFF }
    #expect(await updater.checkForUpdate() == .rejected(.digestMismatch))
    #expect(rig.sink.steps == [.check, .rejected])
    #expect(await updater.running == OTAUpdateMachine.Running(version: 0, slot: nil))
    #expect(await updater.slotState == .factory)
    #expect(rig.activator.history.withLock { $0 } == [-1])
  }

  @Test func truncatedDownloadIsResumedFromTheBytesReceived() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater()
    try rig.publish(version: 3, serial: 1)
    rig.source.script.withLock { $0.downloadPlan = [700, 700] }
    #expect(await updater.checkForUpdate() == .applied(version: 3))
    #expect(rig.source.script.withLock { $0.requestedRanges } == [0..<2_000, 700..<2_000, 1_400..<2_000])
  }

  @Test func downloadThatKeepsFailingIsKeptAndResumedOnTheNextCheck() async throws {
    var rig = try Rig()
    rig.configuration.maximumDownloadFailures = 2
    defer { rig.directory.remove() }
    let updater = try await rig.updater()
    try rig.publish(version: 3, serial: 1)
    rig.source.script.withLock { $0.downloadPlan = [500, nil, nil] }
    #expect(
      await updater.checkForUpdate() == .rejected(.downloadFailed("model server unreachable: reset by peer")))
    #expect(await updater.slotState == .factory)
    #expect(await updater.checkForUpdate() == .applied(version: 3))
    #expect(
      rig.source.script.withLock { $0.requestedRanges } == [0..<2_000, 500..<2_000, 500..<2_000, 500..<2_000])
  }

  @Test func badSignatureIsRejected() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater()
    try rig.publish(version: 3, serial: 1)
    rig.source.script.withLock { $0.manifest!.signature[0] ^= 0x01 }
    #expect(await updater.checkForUpdate() == .rejected(.badSignature))
    let stranger = ManifestSigner()
    let forged = try stranger.sign(
      stranger.document(serial: 2, version: 3, payload: FakeModel.payload(gain: 3)))
    rig.source.script.withLock { $0.manifest = forged }
    #expect(await updater.checkForUpdate() == .rejected(.badSignature))
    #expect(await updater.running.version == 0)
    #expect(rig.source.script.withLock { $0.requestedRanges }.isEmpty)
  }

  @Test func replayedOldManifestIsRefusedAsADowngrade() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater(after: 3)
    let old = rig.source.script.withLock { $0.manifest! }
    try rig.publish(version: 4, serial: 2)
    _ = await updater.checkForUpdate()
    rig.source.script.withLock {
      $0.version = 3
      $0.manifest = old
    }
    #expect(await updater.checkForUpdate() == .rejected(.replayedManifest(serial: 1, recorded: 2)))
    let unsignedDowngrade = try rig.signer.sign(
      rig.signer.document(serial: 5, version: 3, payload: FakeModel.payload(gain: 3)))
    rig.source.script.withLock { $0.manifest = unsignedDowngrade }
    #expect(await updater.checkForUpdate() == .rejected(.notNewer(version: 3, running: 4)))
    #expect(await updater.running.version == 4)
  }

  @Test func explicitSignedRollbackIsAcceptedAndRetiresTheNewerSlot() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater(after: 3, 4)
    try rig.publish(version: 3, serial: 3, rollback: true)
    #expect(await updater.checkForUpdate() == .rolledBack(version: 3))
    #expect(rig.sink.steps == [.check, .download, .verified, .rolledBack])
    #expect(await updater.running == OTAUpdateMachine.Running(version: 3, slot: .a))
    #expect(
      await updater.slotState == ModelSlotState(statusA: .confirmed, statusB: .retired, manifestSerial: 3))
    let restarted = try await rig.updater()
    #expect(await restarted.running.version == 3)
  }

  @Test func selfTestFailureRevertsToThePreviousModel() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater(after: 3)
    try rig.publish(version: 4, serial: 2, expectedGain: 9)
    let outcome = await updater.checkForUpdate()
    guard case .reverted(let version, let reason) = outcome else {
      Issue.record("expected a revert, got \(outcome)")
      return
    }
    #expect(version == 3 && reason.contains("self-test case 0"))
    #expect(rig.sink.steps.suffix(2) == [.verified, .rolledBack])
    #expect(await updater.running == OTAUpdateMachine.Running(version: 3, slot: .a))
    #expect(
      await updater.slotState == ModelSlotState(statusA: .confirmed, statusB: .retired, manifestSerial: 2))
    #expect(rig.activator.active.withLock { $0.version } == 3)
    #expect(await updater.checkForUpdate() == .rejected(.replayedManifest(serial: 2, recorded: 2)))
  }

  @Test func modelThatDoesNotLoadIsReverted() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater()
    try rig.publish(version: 0x100, serial: 1)
    let outcome = await updater.checkForUpdate()
    guard case .reverted(0, _) = outcome else {
      Issue.record("a model with gain 0 must not load, got \(outcome)")
      return
    }
    #expect(rig.activator.history.withLock { $0 } == [-1, -1])
  }

  @Test func misbehavingModelIsRolledBackToTheOtherSlot() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater(after: 3, 4)
    for _ in 0..<2 { await updater.recordDecision(.ambiguous) }
    #expect(rig.sink.steps == [])
    await updater.recordDecision(.ambiguous)
    let event = try #require(rig.sink.events.withLock { $0.last })
    #expect(event.step == .rolledBack && event.fromVersion == 4 && event.toVersion == 3)
    #expect(await updater.running == OTAUpdateMachine.Running(version: 3, slot: .a))
    #expect(await updater.slotState[.b] == .retired)
    #expect(rig.activator.active.withLock { $0.version } == 3)
  }

  @Test func misbehavingModelStaysWhenThereIsNeitherAnotherSlotNorABuiltInModel() async throws {
    var rig = try Rig()
    defer { rig.directory.remove() }
    rig.configuration.hasBuiltInModel = false
    let updater = try await rig.updater(after: 3)
    for _ in 0..<20 { await updater.recordDecision(.ambiguous) }
    #expect(rig.sink.steps.isEmpty)
    #expect(await updater.running == OTAUpdateMachine.Running(version: 3, slot: .a))
    #expect(await updater.slotState[.a] == .confirmed)
    #expect(rig.activator.active.withLock { $0.version } == 3)
  }

  @Test func wellBehavedModelStaysAfterTheWatch() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater(after: 3)
    for i in 0..<20 { await updater.recordDecision(i % 10 == 0 ? .ambiguous : .normal) }
    #expect(await updater.watchState == .idle)
    for _ in 0..<20 { await updater.recordDecision(.ambiguous) }
    #expect(await updater.running.version == 3)
  }

  @Test func unreachableServerChangesNothing() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await rig.updater()
    rig.source.script.withLock { $0.unreachable = true }
    #expect(await updater.checkForUpdate() == .unreachable(.unreachable("connection refused")))
    #expect(rig.sink.steps.isEmpty)
  }

  @Test func restartDuringTheSelfTestRevertsThePendingSlot() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    _ = try await rig.updater(after: 3)
    var store = try ModelSlotStore(directory: rig.directory.path)
    _ = try store.install(payload: FakeModel.payload(gain: 4), version: 4, into: .b, manifestSerial: 2)
    let restarted = try await rig.updater()
    #expect(await restarted.running == OTAUpdateMachine.Running(version: 3, slot: .a))
    #expect(await restarted.slotState[.b] == .retired)
    #expect(
      rig.sink.events.withLock { $0 } == [
        OTAStepEvent(.rolledBack, from: 4, to: 3, reason: "update not confirmed before restart")
      ])
  }
}
