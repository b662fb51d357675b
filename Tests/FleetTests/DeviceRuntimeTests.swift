import AsyncHTTPClient
import EdgeAgent
import EdgeCore
import Fleet
import Foundation
import Testing
import Wire

@Suite(.serialized, .timeLimit(.minutes(2))) struct DeviceRuntimeTests {
  let client = HTTPClient.shared

  @Test func deviceDecidesLocallyAndEscalatesAmbiguousWindowsOnce() async throws {
    let cloud = try await TestCloud.start()
    let rig = DeviceRig()
    defer { rig.remove() }
    let runtime = try await rig.start(
      cloud: cloud, client: client, thresholds: try TestWindows.thirds(count: 60))
    var source = try TestWindows.replay(count: 60)
    let statistics = await runtime.run(source: &source)
    #expect(runtime.live.entry.version == 1)
    #expect(statistics.counts.windows == 60)
    #expect(statistics.counts.normal > 0 && statistics.counts.anomaly > 0)
    #expect(statistics.counts.escalated > 0 && statistics.counts.fallback == 0)
    #expect(statistics.answered == Int(statistics.counts.escalated))
    #expect(try await cloud.storedEscalations() == statistics.answered)
    #expect(statistics.latency[.ambiguous]?.count == statistics.answered)
    await cloud.remove()
  }

  @Test func devicePostsATwentyValueFeatureSummaryEachPeriodFarSmallerThanRawWindows() async throws {
    let cloud = try await TestCloud.start()
    let rig = DeviceRig()
    defer { rig.remove() }
    let runtime = try await rig.start(
      cloud: cloud, client: client, thresholds: try TestWindows.thirds(count: 60), summaryIntervalMS: 10_000)
    var source = try TestWindows.replay(count: 60)
    let statistics = await runtime.run(source: &source)
    #expect(statistics.summariesSent >= 2, "60 windows of 0.5 s, a summary every 10 s")
    #expect(try await cloud.storedSummaries() == statistics.summariesSent)
    let perSummary = statistics.summaryBytesUploaded / statistics.summariesSent
    let perEscalation = statistics.bytesUploaded / max(1, statistics.answered)
    #expect(perSummary * 5 < perEscalation, "\(perSummary) B a summary vs \(perEscalation) B a raw window")
    await cloud.remove()
  }

  @Test func deviceSurvivesTheCloudGoingDownAndDrainsItsQueueWhenItReturns() async throws {
    let cloud = try await TestCloud.start()
    let rig = DeviceRig()
    defer { rig.remove() }
    let thresholds = try TestWindows.thirds(count: 60)
    let runtime = try await rig.start(cloud: cloud, client: client, thresholds: thresholds)
    var up = try TestWindows.replay(count: 60)
    let before = await runtime.run(source: &up)
    try await cloud.stop()
    var down = try TestWindows.replay(count: 60)
    let during = await runtime.run(source: &down)
    let fallbacks = during.counts.fallback - before.counts.fallback
    #expect(fallbacks > 0)
    #expect(during.queued == Int(fallbacks))
    #expect(await runtime.queueDepth() == during.queued)
    #expect(during.cloudFailures > 0 && during.cloudFailures < Int(fallbacks), "backoff spares the cloud")
    await runtime.telemetry.sink.finish()
    let statuses = rig.events.withLock { $0 }.compactMap { event -> StatusEvent? in
      if case .status(let status) = event { status } else { nil }
    }
    #expect(statuses.last?.queueDepth == during.queued)

    try await cloud.restart()
    var back = try TestWindows.replay(count: 60)
    let after = await runtime.run(source: &back)
    #expect(await runtime.queueDepth() == 0)
    #expect(after.queued > 0 && after.drained == after.queued)
    let ambiguous = after.counts.escalated + after.counts.fallback
    #expect(try await cloud.storedEscalations() == Int(ambiguous))
    await cloud.remove()
  }

  @Test func deviceTakesAnOTAUpdateBetweenWindowsWithoutDroppingOne() async throws {
    let cloud = try await TestCloud.start()
    let rig = DeviceRig()
    defer { rig.remove() }
    let runtime = try await rig.start(cloud: cloud, client: client, otaIntervalMS: 1_000)
    let running = Task {
      var source = SimulatedMachineSource(
        machine: TestFleetModels.spec.machines[1], seed: 3, fault: nil, windowLimit: 400,
        pacing: .milliseconds(5))
      return await runtime.run(source: &source)
    }
    while rig.decided.count < 20 { try await Task.sleep(for: .milliseconds(5)) }
    try await cloud.publishEdge(try TestFleetModels.edgeBuild(version: 2))
    let statistics = await running.value
    let versions = rig.decided.sorted { $0.index < $1.index }.map(\.modelVersion)
    #expect(runtime.live.entry.version == 2)
    #expect(statistics.counts.windows == 400 && statistics.windowsWithoutModel == 0)
    #expect(Set(rig.decided.map(\.index)) == Set(0..<400))
    #expect(versions.first == 1 && versions.last == 2)
    #expect(versions == versions.sorted(), "the switch happens once, between two windows")
    await cloud.remove()
  }

  @Test func deviceRejectsAModelWhoseManifestDoesNotVerifyAndKeepsItsOwn() async throws {
    let cloud = try await TestCloud.start()
    let rig = DeviceRig()
    defer { rig.remove() }
    let builtIn = ModelImage(payload: try TestFleetModels.edgeBuild(version: 0).tflite, version: 0)
    let stranger = [UInt8](repeating: 7, count: 32)
    let runtime = try await rig.start(cloud: cloud, client: client, builtIn: builtIn, pinnedKey: stranger)
    var source = try TestWindows.replay(count: 10)
    let statistics = await runtime.run(source: &source)
    #expect(runtime.live.entry.version == 0)
    #expect(statistics.counts.windows == 10)
    await runtime.telemetry.sink.finish()
    let steps = rig.events.withLock { $0 }.compactMap { event -> OTAStep? in
      if case .ota(let ota) = event { ota.event } else { nil }
    }
    #expect(steps.contains(.rejected) && !steps.contains(.applied))
    await cloud.remove()
  }

  @Test func deviceBootsTheBuiltInModelWhenItsSlotFileWasCutMidWrite() async throws {
    let cloud = try await TestCloud.start()
    let rig = DeviceRig()
    defer { rig.remove() }
    let first = try await rig.start(cloud: cloud, client: client)
    var boot = try TestWindows.replay(count: 2)
    _ = await first.run(source: &boot)
    #expect(first.live.entry.version == 1)
    let (slotPath, bytes) = try #require(
      ["a", "b"].compactMap { slot -> (String, Data)? in
        let path = rig.directory + "/slots/slot-\(slot).bin"
        return FileManager.default.contents(atPath: path).map { (path, $0) }
      }.first)
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: slotPath))
    let builtIn = ModelImage(payload: try TestFleetModels.edgeBuild(version: 0).tflite, version: 0)
    let offline = try await rig.start(cloud: nil, client: client, builtIn: builtIn)
    #expect(offline.live.entry.version == 0)
    var source = try TestWindows.replay(count: 5)
    #expect(await offline.run(source: &source).counts.windows == 5)
    await cloud.remove()
  }

  @Test func restartedDeviceCarriesOnTheHealthBaselineOfTheModelItBoots() async throws {
    let cloud = try await TestCloud.start()
    let rig = DeviceRig()
    defer { rig.remove() }
    var first = try TestWindows.replay(count: 2)
    _ = try await rig.start(cloud: cloud, client: client).run(source: &first)
    var escalations = 0
    for count in [30, 10] {
      let rebooted = DeviceRig(directory: rig.directory)
      var source = try TestWindows.replay(count: count)
      _ = try await rebooted.start(cloud: cloud, client: client).run(source: &source)
      escalations += rebooted.decided.filter { $0.zone == .ambiguous }.count
    }
    let bytes = try #require(
      FileManager.default.contents(atPath: rig.directory + "/slots/health-baseline.bin"))
    #expect(
      try ModelHealthBaseline(decoding: [UInt8](bytes))
        == ModelHealthBaseline(modelVersion: 1, decisions: 40, escalations: UInt64(escalations)),
      "the first run's decisions went to the watch of the model it took; the next two add up")
    await cloud.remove()
  }
}
