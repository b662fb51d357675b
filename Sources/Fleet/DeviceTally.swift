import EdgeAgent
import EdgeCore
import Synchronization

/// One simulated device's decisions scored against its machine's ground truth, as they finish.
final class DeviceTally: Sendable {
  struct Counts: Sendable {
    var zones: [Zone: Int] = [:]
    var paths: [WindowOutcome.Path: Int] = [:]
    var anomalies = 0
    var versions: [Int: VersionTally] = [:]

    /// Every version's tally added up: the device's windows and correct verdicts.
    var total: VersionTally { versions.values.reduce(into: VersionTally()) { $0.add($1) } }
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
      counts.zones[outcome.zone, default: 0] += 1
      counts.paths[outcome.path, default: 0] += 1
      if anomalous { counts.anomalies += 1 }
      counts.versions[outcome.modelVersion, default: VersionTally()].add(
        VersionTally(outcome: outcome, anomalous: anomalous))
    }
  }

  var snapshot: Counts { counts.withLock { $0 } }
}

extension VersionTally {
  /// The tally of one decided window.
  init(outcome: WindowOutcome, anomalous: Bool) {
    self.init()
    windows = 1
    escalations = outcome.path == .edge ? 0 : 1
    edgeCorrect = (outcome.edgeDecision == .anomaly) == anomalous ? 1 : 0
    hybridCorrect = (outcome.decision == .anomaly) == anomalous ? 1 : 0
  }
}
