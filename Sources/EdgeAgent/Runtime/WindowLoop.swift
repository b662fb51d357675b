import EdgeCore
import Foundation

/// The per-window work of `DeviceRuntime.run`: schedules (status, OTA, drain), model pick-up between windows,
/// the edge verdict and the plan for the window.
struct WindowLoop {
  let runtime: DeviceRuntime
  let started: UInt64
  let windowSeconds: Double
  /// The buffer the source fills.
  var window: [Float]
  var loaded: LoadedModel?
  var generation = UInt64.max
  var index: UInt64 = 0
  var nextStatus: UInt64
  var nextUpdateCheck: UInt64?
  let layout: SignalLayout
  var summary: FeatureSummaryAccumulator?
  var nextSummary: UInt64?

  /// A loop starting at device time `started`; `checkAtOnce` schedules an OTA check before the first window.
  init(runtime: DeviceRuntime, layout: SignalLayout, started: UInt64, checkAtOnce: Bool) {
    self.runtime = runtime
    self.started = started
    windowSeconds = Double(layout.samplesPerWindow) / Double(layout.sampleRateHz)
    window = [Float](repeating: 0, count: layout.valuesPerWindow)
    self.layout = layout
    nextSummary = runtime.configuration.summaryIntervalMS.map { started + $0 }
    nextStatus = started
    nextUpdateCheck = checkAtOnce ? started : runtime.configuration.otaIntervalMS.map { started + $0 }
  }

  /// Runs what is due before the next window: the status message, an OTA check, a queue drain.
  mutating func tick(group: inout TaskGroup<Void>) async {
    let now = runtime.clock.milliseconds
    if now >= nextStatus {
      await runtime.publishStatus(.online, started: started)
      nextStatus = now + runtime.configuration.statusIntervalMS
      if let cloud = runtime.cloud, await runtime.core.shouldDrain(at: now) {
        let runtime = runtime
        group.addTask { await runtime.core.drain(through: cloud, clock: runtime.clock) }
      }
    }
    if let due = nextSummary, now >= due {
      nextSummary = runtime.configuration.summaryIntervalMS.map { now + $0 }
      if let period = summary?.snapshot(), period.windowCount > 0 {
        summary?.reset()
        let runtime = runtime
        group.addTask { await runtime.sendSummary(period) }
      }
    }
    if let due = nextUpdateCheck, now >= due {
      nextUpdateCheck = runtime.configuration.otaIntervalMS.map { now + $0 }
      if let updater = runtime.updater {
        group.addTask { _ = await updater.checkForUpdate() }
      }
    }
  }

  /// Decides the window in `window`: locally, by fallback (queued), or by an escalation started in `group`.
  mutating func decide(group: inout TaskGroup<Void>) async {
    runtime.clock.windowRead(seconds: windowSeconds)
    let readAt = ContinuousClock.now
    defer { index += 1 }
    if let entry = runtime.live.ifChanged(since: generation) {
      generation = entry.generation
      if let image = entry.model {
        do {
          let model = try image.load()
          loaded = model
          summary = FeatureSummaryAccumulator(layout: layout, thresholds: model.thresholds)
          await runtime.core.use(model.thresholds)
        } catch {
          runtime.logger.error("keeping the running model: \(error)")
        }
      } else {
        loaded = nil
      }
    }
    guard let loaded else {
      await runtime.core.windowWithoutModel()
      return
    }
    let mse = window.withUnsafeBufferPointer { loaded.model.evaluate(window: $0) }.mse
    let thresholds = await runtime.core.thresholds
    let edgeDecision = thresholds.fallbackDecision(mse)
    var outcome = WindowOutcome(
      index: index, mse: mse, zone: thresholds.classify(mse), decision: edgeDecision,
      edgeDecision: edgeDecision,
      path: .edge, latencyMS: 0, modelVersion: loaded.version)
    var plan = await runtime.core.plan(mse: mse, at: runtime.clock.milliseconds)
    while plan == .wait {
      if await group.next() == nil { break }
      if await runtime.core.reserveSlot() { plan = .escalate }
    }
    switch plan {
    case .local(let decision):
      outcome.decision = decision
      outcome.latencyMS = DeviceRuntime.milliseconds(ContinuousClock.now - readAt)
      await runtime.finish(outcome, confidence: 1, roundTripMS: 0)
    case .fallback(let decision):
      await fallBack(outcome, decision: decision, thresholds: thresholds, readAt: readAt)
    case .wait:
      await fallBack(outcome, decision: edgeDecision, thresholds: thresholds, readAt: readAt)
    case .escalate:
      let pending = pendingEscalation(mse: mse, decision: edgeDecision, version: loaded.version)
      let runtime = runtime
      let snapshot = outcome
      group.addTask { await runtime.escalate(pending, outcome: snapshot, started: readAt) }
    }
    if let updater = runtime.updater {
      // The watch judges the model by its own thresholds, whatever zone an experiment imposes.
      await updater.recordDecision(loaded.thresholds.classify(mse))
    }
    summary?.add(window: window, mse: mse)  // after acting: the summary's FFTs add no decision latency
  }

  /// Acts on the closer-threshold `decision` and queues the window for the cloud.
  private func fallBack(
    _ outcome: WindowOutcome, decision: Decision, thresholds: ZoneThresholds, readAt: ContinuousClock.Instant
  ) async {
    var outcome = outcome
    outcome.decision = decision
    outcome.path = .fallback
    await runtime.core.enqueue(
      pendingEscalation(mse: outcome.mse, decision: decision, version: outcome.modelVersion))
    outcome.latencyMS = DeviceRuntime.milliseconds(ContinuousClock.now - readAt)
    await runtime.finish(
      outcome, confidence: DeviceRuntime.fallbackConfidence(outcome.mse, thresholds), roundTripMS: 0)
  }

  private func pendingEscalation(mse: Float, decision: Decision, version: Int) -> PendingEscalation {
    PendingEscalation(
      timestamp: runtime.clock.date, edgeMSE: mse, modelVersion: version, fallbackDecision: decision,
      features: window)
  }
}
