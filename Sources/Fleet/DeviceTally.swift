import EdgeAgent
import EdgeCore
import Synchronization

/// One simulated device's decisions scored against its machine's ground truth, as they finish.
final class DeviceTally: Sendable {
  struct Counts: Sendable {
    var windows = 0
    var zones: [Zone: Int] = [:]
    var paths: [WindowOutcome.Path: Int] = [:]
    var hybridCorrect = 0
    var edgeCorrect = 0
    var anomalies = 0
  }

  let truth: GroundTruth
  private let counts = Mutex(Counts())

  init(truth: GroundTruth) {
    self.truth = truth
  }

  /// Scores one final decision.
  func record(_ outcome: WindowOutcome) {
    let anomalous = truth.isAnomalous(outcome.index) ?? false
    counts.withLock { counts in
      counts.windows += 1
      counts.zones[outcome.zone, default: 0] += 1
      counts.paths[outcome.path, default: 0] += 1
      if anomalous { counts.anomalies += 1 }
      if (outcome.decision == .anomaly) == anomalous { counts.hybridCorrect += 1 }
      if (outcome.edgeDecision == .anomaly) == anomalous { counts.edgeCorrect += 1 }
    }
  }

  var snapshot: Counts { counts.withLock { $0 } }
}
