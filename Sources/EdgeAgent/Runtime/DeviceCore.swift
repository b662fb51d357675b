import EdgeCore
import Foundation
import Logging
import Wire

/// The device's shared decision state: the tiered decider with its backoff, the store-and-forward queue,
/// the escalation slots and the running statistics. One actor, so the loop and the escalations finishing
/// concurrently see one consistent state.
actor DeviceCore {
  /// What the loop does with a window.
  enum Plan: Equatable {
    /// Decide on the device.
    case local(Decision)
    /// Decide by the closer threshold and queue the window for the cloud.
    case fallback(Decision)
    /// An escalation slot is reserved: ask the cloud.
    case escalate
    /// Every slot is taken and the configuration says wait.
    case wait
  }

  private let configuration: DeviceConfiguration
  private let queue: EscalationQueue
  private let logger: Logger
  private var decider: TieredDecider
  private var random: SplitMix64
  private var inFlight = 0
  private var draining = false
  private(set) var statistics = DeviceStatistics()

  init(
    configuration: DeviceConfiguration, queue: EscalationQueue, thresholds: ZoneThresholds, logger: Logger
  ) {
    self.configuration = configuration
    self.queue = queue
    self.logger = logger
    decider = TieredDecider(thresholds: thresholds, backoffPolicy: configuration.backoff)
    random = SplitMix64(seed: configuration.seed)
  }

  /// Escalations waiting in the queue.
  var queueDepth: Int { queue.count }

  /// The thresholds in force.
  var thresholds: ZoneThresholds { decider.thresholds }

  /// Seconds before the next escalation attempt is allowed.
  func backoffSeconds(at now: UInt64) -> Double { decider.backoff.backoffSeconds(at: now) }

  /// Puts the thresholds of a newly loaded model in force (unless the configuration overrides them).
  func use(_ thresholds: ZoneThresholds) {
    decider.use(configuration.thresholdsOverride ?? thresholds)
  }

  /// Counts a window read before any model was available.
  func windowWithoutModel() { statistics.windowsWithoutModel += 1 }

  /// Counts a feature summary the server accepted.
  func summarySent(bytes: Int) {
    statistics.summariesSent += 1
    statistics.summaryBytesUploaded += bytes
  }

  /// The plan for a window with edge MSE `mse` at device time `now`.
  func plan(mse: Float, at now: UInt64) -> Plan {
    let step: TieredDecider.Step
    switch configuration.mode {
    case .edge: return .local(decider.thresholds.fallbackDecision(mse))
    case .hybrid: step = decider.step(mse: mse, at: now)
    case .cloud: step = decider.stepCloudFirst(mse: mse, at: now)
    }
    switch step {
    case .local(let decision): return .local(decision)
    case .fallback(let decision): return .fallback(decision)
    case .escalate: return reserveSlot() ? .escalate : saturated(mse: mse)
    }
  }

  /// Takes an escalation slot if one is free.
  func reserveSlot() -> Bool {
    guard inFlight < configuration.maximumInFlight else { return false }
    inFlight += 1
    return true
  }

  private func saturated(mse: Float) -> Plan {
    if configuration.saturation == .wait { return .wait }
    statistics.saturated += 1
    return .fallback(decider.thresholds.fallbackDecision(mse))
  }

  /// Keeps a window decided by fallback for upload once the cloud is back.
  func enqueue(_ escalation: PendingEscalation) {
    do {
      try queue.append(escalation)
      statistics.queued += 1
    } catch {
      logger.error("escalation not queued, the queue file failed: \(error)")
    }
  }

  /// An escalation of `bytes` was answered; true when queued escalations should be drained now.
  func answered(bytes: Int) -> Bool {
    inFlight -= 1
    statistics.answered += 1
    statistics.bytesUploaded += bytes
    _ = decider.cloudAnswered()
    return queue.count > 0 && !draining
  }

  /// An escalation of `bytes` failed with `error` at `now`: a permanent refusal is dropped, anything else backs
  /// the cloud off and queues `escalation`.
  func failed(_ error: CloudError, escalation: PendingEscalation, bytes: Int, at now: UInt64) {
    inFlight -= 1
    statistics.bytesUploaded += bytes
    statistics.cloudFailures += 1
    if error.isPermanent {
      statistics.refused += 1
      logger.warning("escalation refused for good, not queued: \(error)")
      return
    }
    _ = decider.cloudFailed(mse: escalation.edgeMSE, at: now, jitter: jitter())
    enqueue(escalation)
  }

  /// Whether a drain is worth starting at `now`: something is queued and the backoff is not holding.
  func shouldDrain(at now: UInt64) -> Bool {
    guard configuration.mode != .edge, queue.count > 0, !draining else { return false }
    if case .probing = decider.backoff.state { return false }
    return decider.backoff.remainingMilliseconds(at: now) == 0
  }

  /// Uploads queued escalations oldest first through `cloud` until the queue is empty or an upload fails
  /// (then the backoff starts again and the rest wait).
  func drain(through cloud: CloudClient, clock: any DeviceClock) async {
    guard !draining, queue.count > 0 else { return }
    draining = true
    defer { draining = false }
    do {
      let report = try await queue.drain { pending in
        let body = CloudClient.body(of: pending.request(deviceID: configuration.deviceID))
        statistics.bytesUploaded += body.count
        do throws(CloudError) {
          _ = try await cloud.classify(body: body)
          _ = decider.cloudAnswered()
          return .delivered
        } catch {
          if error.isPermanent { return .refused }
          _ = decider.cloudFailed(mse: pending.edgeMSE, at: clock.milliseconds, jitter: jitter())
          return .retryLater
        }
      }
      statistics.drained += report.delivered
      statistics.refused += report.refused
      if report.delivered + report.refused > 0 {
        logger.info(
          "drained the escalation queue",
          metadata: [
            "delivered": "\(report.delivered)", "refused": "\(report.refused)", "left": "\(queue.count)",
          ])
      }
    } catch {
      logger.error("escalation queue file failed while draining: \(error)")
    }
  }

  /// Counts a final decision and its latency.
  func record(_ outcome: WindowOutcome) {
    switch (outcome.path, outcome.zone) {
    case (.edge, .normal): statistics.counts.normal += 1
    case (.edge, .anomaly): statistics.counts.anomaly += 1
    case (.cloud, _): statistics.counts.escalated += 1
    case (.edge, .ambiguous), (.fallback, _): statistics.counts.fallback += 1
    }
    statistics.record(outcome.zone, latencyMS: outcome.latencyMS)
  }

  private func jitter() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
}

extension PendingEscalation {
  /// The `POST /classify` body of this escalation, its id making a retry idempotent.
  func request(deviceID: String) -> ClassifyRequest {
    ClassifyRequest(
      deviceID: deviceID, features: features, edgeMSE: Double(edgeMSE), modelVersion: modelVersion,
      escalationID: id.uuidString.lowercased())
  }
}
