import EdgeCore
import Testing

@Suite struct ZoneDecisionTests {
  private let thresholds = try! ZoneThresholds(low: 0.015, high: 0.045)

  @Test func classifyFollowsTheLessonAtAndAroundBothThresholds() {
    #expect(thresholds.classify(0) == .normal)
    #expect(thresholds.classify(Float(0.015).nextDown) == .normal)
    #expect(thresholds.classify(0.015) == .ambiguous)
    #expect(thresholds.classify(0.03) == .ambiguous)
    #expect(thresholds.classify(0.045) == .ambiguous)
    #expect(thresholds.classify(Float(0.045).nextUp) == .anomaly)
    #expect(thresholds.classify(.infinity) == .anomaly)
    #expect(thresholds.classify(.nan) == .ambiguous)
  }

  @Test func fallbackPicksTheCloserThresholdAndCallsATieNormal() throws {
    let even = try ZoneThresholds(low: 1, high: 3)
    #expect(even.fallbackDecision(0.5) == .normal)
    #expect(even.fallbackDecision(1) == .normal)
    #expect(even.fallbackDecision(1.9) == .normal)
    #expect(even.fallbackDecision(2) == .normal)
    #expect(even.fallbackDecision(Float(2).nextUp) == .anomaly)
    #expect(even.fallbackDecision(3) == .anomaly)
    #expect(even.fallbackDecision(7) == .anomaly)
    #expect(even.fallbackDecision(.nan) == .anomaly)
  }

  @Test func equalThresholdsLeaveOnlyTheThresholdItselfAmbiguous() throws {
    let single = try ZoneThresholds(low: 2, high: 2)
    #expect(single.classify(2) == .ambiguous)
    #expect(single.fallbackDecision(2) == .normal)
    #expect(single.classify(Float(2).nextUp) == .anomaly)
  }

  @Test func localDecisionIsNilOnlyForTheAmbiguousZone() {
    #expect(Zone.normal.localDecision == .normal)
    #expect(Zone.anomaly.localDecision == .anomaly)
    #expect(Zone.ambiguous.localDecision == nil)
  }

  @Test func invalidThresholdsAreRejected() {
    #expect(throws: ZoneThresholdsError.lowAboveHigh(low: 2, high: 1)) { try ZoneThresholds(low: 2, high: 1) }
    #expect(throws: ZoneThresholdsError.notFinite(low: 0, high: .infinity)) {
      try ZoneThresholds(low: 0, high: .infinity)
    }
    #expect(throws: ZoneThresholdsError.self) { try ZoneThresholds(low: .nan, high: 1) }
  }
}
