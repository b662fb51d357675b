import Foundation
import Logging
import Synchronization
import Wire

/// Runs retraining cycles one at a time and starts the rollout of a candidate that passed its gate: the
/// entry point of `POST /admin/retrain`, the server's background loop and a fleet driver.
public final class Retrainer: Sendable {
  /// The cycle itself.
  public let pipeline: RetrainingPipeline
  /// When the background loop starts a cycle.
  public let trigger: RetrainingTrigger
  /// Promotes or rolls back canaries.
  public let rollout: RolloutController
  private let onRegistryChange: @Sendable () async -> Void
  private let onRecord: @Sendable (RetrainingRecord) async -> Void
  private let running = Mutex(false)

  /// A retrainer; `onRegistryChange` runs after each registry change (a server reloads what it serves) and
  /// `onRecord` receives each cycle's start and end and each rollout decision (the dashboard's history).
  public init(
    pipeline: RetrainingPipeline, trigger: RetrainingTrigger = RetrainingTrigger(),
    rollout: RolloutController,
    onRegistryChange: @escaping @Sendable () async -> Void = {},
    onRecord: @escaping @Sendable (RetrainingRecord) async -> Void = { _ in }
  ) {
    self.pipeline = pipeline
    self.trigger = trigger
    self.rollout = rollout
    self.onRegistryChange = onRegistryChange
    self.onRecord = onRecord
  }

  /// Runs one cycle now; a candidate that passed goes to the canary (or straight to every device when no
  /// model is current yet). Throws `RetrainingError.alreadyRunning` when a cycle is under way.
  public func runCycle(at time: WireTimestamp = .now()) async throws -> RetrainingCycle {
    let started = running.withLock { busy -> Bool in
      if busy { return false }
      busy = true
      return true
    }
    guard started else { throw RetrainingError.alreadyRunning }
    defer { running.withLock { $0 = false } }
    let baseline = try await pipeline.registry.snapshot().currentEdge?.version
    await onRecord(
      RetrainingRecord(startedAt: time, fromVersion: baseline, outcome: "running", reason: "retraining"))
    let report: RetrainingReport
    do {
      report = try await pipeline.run(at: time)
    } catch {
      await onRecord(
        RetrainingRecord(
          startedAt: time, finishedAt: .now(), fromVersion: baseline, outcome: "failed", reason: "\(error)"))
      throw error
    }
    var state = ModelState.candidate
    if report.gate.passed {
      let snapshot = try await pipeline.registry.snapshot()
      if snapshot.currentEdge == nil {
        state = .current
      } else if let canary = snapshot.canaryEdge {
        pipeline.logger.notice(
          "v\(report.version) waits as a candidate: v\(canary.version) is still in canary")
      } else {
        state = .canary
      }
      if state != .candidate {
        try await pipeline.registry.transitionEdge(
          version: report.version, to: state, reason: report.gate.reason, at: time)
      }
    }
    await onRegistryChange()
    await onRecord(
      RetrainingRecord(
        startedAt: time, finishedAt: .now(), fromVersion: baseline, toVersion: report.version,
        outcome: state == .candidate ? "gate failed" : state.rawValue, reason: report.gate.reason,
        details: [
          "escalations_trained_on": "\(report.samples.normalEscalations)", "epochs": "\(report.epochs)",
          "expected_escalation_rate": String(format: "%.4f", report.expectedEscalationRate),
        ]))
    return RetrainingCycle(report: report, state: state)
  }

  /// After canary `ended` was decided: the newest candidate that passed its gate against the model that is
  /// current now (one trained while the canary ran) becomes the canary; returns it. A candidate gated against
  /// a model that is no longer current stays a candidate: the next cycle trains against the new one.
  private func startWaitingCandidate(after ended: Int, at time: WireTimestamp) async throws
    -> EdgeModelRecord?
  {
    let snapshot = try await pipeline.registry.snapshot()
    guard snapshot.canaryEdge == nil, let current = snapshot.currentEdge else { return nil }
    let waiting = snapshot.edgeModels.last { record in
      guard record.state == .candidate, record.version > ended, let stats = record.trainingStats,
        let report = try? JSONDecoder().decode(RetrainingReport.self, from: Data(stats.utf8))
      else { return false }
      return report.gate.passed && report.baselineVersion == current.version
    }
    guard let waiting else { return nil }
    let reason = "waited while v\(ended) was in canary; \(waiting.reason ?? "gate passed")"
    try await pipeline.registry.transitionEdge(
      version: waiting.version, to: .canary, reason: reason, at: time)
    pipeline.logger.notice("v\(waiting.version) goes to canary: \(reason)")
    return try await pipeline.registry.snapshot().edgeModel(version: waiting.version)
  }

  /// Whether the trigger fires now (and no canary is in progress): the reason, or nil.
  public func due(at time: WireTimestamp = .now()) async throws -> String? {
    let snapshot = try await pipeline.registry.snapshot()
    guard snapshot.canaryEdge == nil else { return nil }
    let newest = snapshot.edgeModels.map(\.created.millisecondsSince1970).max()
    let age = newest.map { Duration.milliseconds(time.millisecondsSince1970 - $0) }
    return trigger.reason(
      newEscalations: try await pipeline.escalations.unconsumedEscalationCount(), sinceLastModel: age)
  }

  /// One turn of the background loop: a rollout step, then a cycle if one is due; returns the cycle it ran.
  @discardableResult
  public func tick(at time: WireTimestamp = .now()) async throws -> RetrainingCycle? {
    if let step = try await rollout.step(at: time), step.decision.changesRegistry {
      await onRegistryChange()
      let promoted = if case .promote = step.decision { true } else { false }
      await onRecord(
        RetrainingRecord(
          startedAt: time, finishedAt: time, toVersion: step.version,
          outcome: promoted ? "promoted" : "rolled back", reason: step.decision.reason))
      if let waiting = try await startWaitingCandidate(after: step.version, at: time) {
        await onRegistryChange()
        await onRecord(
          RetrainingRecord(
            startedAt: time, finishedAt: time, fromVersion: step.version, toVersion: waiting.version,
            outcome: ModelState.canary.rawValue, reason: waiting.reason ?? ""))
      }
    }
    guard let reason = try await due(at: time) else { return nil }
    pipeline.logger.info("retraining triggered: \(reason)")
    do {
      return try await runCycle(at: time)
    } catch RetrainingError.alreadyRunning {
      return nil
    }
  }
}

/// One finished cycle: its report and the state its candidate ended in (candidate, canary or current).
public struct RetrainingCycle: Sendable, Equatable {
  /// What the pipeline did.
  public var report: RetrainingReport
  /// Where the new version stands now.
  public var state: ModelState
}
