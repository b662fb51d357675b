import EdgeCore
import Testing

@testable import EdgeAgent

/// The misbehaviour watch's baseline across restarts. The rig's policy watches 20 decisions with a limit of
/// max(3 × 2 %, 10 %) = 10 % unless the machine's baseline is higher; a restart ends any watch under way.
@Suite struct OTAUpdaterBaselineTests {
  typealias Rig = OTAUpdaterTests.Rig
  typealias Updater = OTAUpdater<InMemoryModelSource, FakeActivator, RecordingSink>

  /// Records `count` decisions, the first `ambiguous` of every `period` escalated.
  private func decide(_ updater: Updater, _ count: Int, ambiguous: Int, of period: Int) async {
    for i in 0..<count { await updater.recordDecision(i % period < ambiguous ? .ambiguous : .normal) }
  }

  /// A device that runs model 3 and counted 40 decisions of it, escalating 2 of every 5 (a busy machine)
  /// or 1 of every 20 (a quiet one), then restarted.
  private func restartedAfterCounting(_ rig: Rig, ambiguous: Int, of period: Int) async throws -> Updater {
    _ = try await rig.updater(after: 3)
    await decide(try await rig.updater(), 40, ambiguous: ambiguous, of: period)
    return try await rig.updater()
  }

  /// Takes model `version` (manifest `serial`) at a check and runs it for a watch window escalating 7 of 20
  /// (35 %: no worse than a busy machine's 40 %, far worse than a quiet one's 5 %).
  private func takeAndRun(_ version: Int, serial: Int, on updater: Updater, _ rig: Rig) async throws {
    try rig.publish(version: version, serial: serial)
    #expect(await updater.checkForUpdate() == .applied(version: version))
    await decide(updater, 20, ambiguous: 7, of: 20)
  }

  private func storedBaseline(_ rig: Rig) throws -> ModelHealthBaseline? {
    try ModelSlotStore(directory: rig.directory.path).readBaseline().map { try $0.get() }
  }

  @Test func baselineIsSavedEveryFullWatchWindowAndWhenAWatchStarts() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    _ = try await rig.updater(after: 3)
    #expect(try storedBaseline(rig) == ModelHealthBaseline(modelVersion: 3, decisions: 0, escalations: 0))
    let restarted = try await rig.updater()
    await decide(restarted, 39, ambiguous: 2, of: 5)
    #expect(try storedBaseline(rig) == ModelHealthBaseline(modelVersion: 3, decisions: 20, escalations: 8))
    await restarted.saveBaseline()
    #expect(try storedBaseline(rig) == ModelHealthBaseline(modelVersion: 3, decisions: 39, escalations: 16))
    try rig.publish(version: 4, serial: 2)
    #expect(await restarted.checkForUpdate() == .applied(version: 4))
    #expect(try storedBaseline(rig) == ModelHealthBaseline(modelVersion: 4, decisions: 0, escalations: 0))
  }

  @Test func busyMachineKeepsANoWorseModelTakenAtTheBootCheck() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await restartedAfterCounting(rig, ambiguous: 2, of: 5)
    try await takeAndRun(4, serial: 2, on: updater, rig)
    #expect(await updater.watchState == .idle)
    #expect(await updater.running == OTAUpdateMachine.Running(version: 4, slot: .b))
    #expect(!rig.sink.steps.contains(.rolledBack))
  }

  @Test func quietMachineStillRollsBackAMuchWorseModelTakenAtTheBootCheck() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    let updater = try await restartedAfterCounting(rig, ambiguous: 1, of: 20)
    try await takeAndRun(4, serial: 2, on: updater, rig)
    #expect(await updater.running == OTAUpdateMachine.Running(version: 3, slot: .a))
    let event = try #require(rig.sink.events.withLock { $0.last })
    #expect(event.step == .rolledBack && event.fromVersion == 4 && event.toVersion == 3)
  }

  @Test func damagedOrCutBaselineRecordIsIgnoredAndTheDeviceRunsOn() async throws {
    let damages: [(String, ([UInt8]) -> [UInt8])] = [
      ("bit flip", { bytes in bytes.enumerated().map { $0 == 9 ? $1 ^ 0x04 : $1 } }),
      ("cut", { bytes in Array(bytes.prefix(17)) }),
    ]
    for (name, damage) in damages {
      let rig = try Rig()
      defer { rig.directory.remove() }
      _ = try await restartedAfterCounting(rig, ambiguous: 2, of: 5)
      let file = ModelSlotStore.baselineFileName
      try rig.directory.write(file, damage(try rig.directory.bytes(file)))
      let updater = try await rig.updater()
      #expect(await updater.running == OTAUpdateMachine.Running(version: 3, slot: .a), "\(name)")
      try await takeAndRun(4, serial: 2, on: updater, rig)
      #expect(await updater.running.version == 3, "\(name): judged by the 10 % limit alone")
    }
  }

  @Test func baselineCountedOnAnotherModelIsNotUsed() async throws {
    let rig = try Rig()
    defer { rig.directory.remove() }
    _ = try await rig.updater(after: 3, 4)
    await decide(try await rig.updater(), 40, ambiguous: 2, of: 5)
    #expect(try storedBaseline(rig)?.modelVersion == 4)
    try rig.directory.write("slot-b.bin", Array(try rig.directory.bytes("slot-b.bin").prefix(100)))
    let reverted = try await rig.updater()
    #expect(await reverted.running == OTAUpdateMachine.Running(version: 3, slot: .a))
    try await takeAndRun(5, serial: 3, on: reverted, rig)
    #expect(await reverted.running == OTAUpdateMachine.Running(version: 3, slot: .a))
  }
}
