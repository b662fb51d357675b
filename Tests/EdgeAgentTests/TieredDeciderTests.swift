import EdgeAgent
import EdgeCore
import Testing

@Suite struct TieredDeciderTests {
  private let thresholds = try! ZoneThresholds(low: 0.2, high: 0.4)
  private let policy = try! BackoffPolicy(baseMilliseconds: 1_000, maximumMilliseconds: 8_000)

  private func step(_ decider: inout TieredDecider, _ mse: Float, at now: UInt64) -> TieredDecider.Step {
    decider.step(mse: mse, at: now)
  }

  @Test func clearWindowsAreDecidedLocallyWhateverTheCloud() {
    var decider = TieredDecider(thresholds: thresholds, backoffPolicy: policy)
    _ = decider.cloudFailed(mse: 0.3, at: 0)
    #expect(step(&decider, 0.1, at: 10) == .local(.normal))
    #expect(step(&decider, 0.5, at: 10) == .local(.anomaly))
  }

  @Test func ambiguousWindowEscalatesWhileTheCloudIsHealthy() {
    var decider = TieredDecider(thresholds: thresholds, backoffPolicy: policy)
    #expect(step(&decider, 0.2, at: 0) == .escalate)
    #expect(step(&decider, 0.4, at: 0) == .escalate)
  }

  @Test func failedEscalationFallsBackToTheCloserThresholdAndBacksOff() {
    var decider = TieredDecider(thresholds: thresholds, backoffPolicy: policy)
    #expect(decider.cloudFailed(mse: 0.35, at: 100) == .anomaly)
    #expect(step(&decider, 0.25, at: 500) == .fallback(.normal))
    #expect(step(&decider, 0.39, at: 1_099) == .fallback(.anomaly))
    #expect(decider.backoff.backoffSeconds(at: 600) == 0.5)
    #expect(step(&decider, 0.3, at: 1_100) == .escalate)
    #expect(step(&decider, 0.25, at: 1_101) == .fallback(.normal))
    _ = decider.cloudFailed(mse: 0.3, at: 1_200)
    #expect(decider.backoff.state == .backingOff(until: 3_200, failures: 2))
  }

  @Test func answerAfterFailuresAsksForADrainOnce() {
    var decider = TieredDecider(thresholds: thresholds, backoffPolicy: policy)
    let beforeAnyFailure = decider.cloudAnswered()
    _ = decider.cloudFailed(mse: 0.3, at: 0)
    _ = step(&decider, 0.3, at: 1_000)
    let afterFailure = decider.cloudAnswered()
    let again = decider.cloudAnswered()
    #expect(!beforeAnyFailure && afterFailure && !again)
    #expect(step(&decider, 0.3, at: 1_001) == .escalate)
  }

  @Test func newThresholdsTakeEffectOnTheNextWindow() throws {
    var decider = TieredDecider(thresholds: thresholds, backoffPolicy: policy)
    decider.use(try ZoneThresholds(low: 0.05, high: 0.1))
    #expect(step(&decider, 0.3, at: 0) == .local(.anomaly))
  }
}
