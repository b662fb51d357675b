import EdgeAgent
import EdgeCore
import Testing

@Suite struct ModelHealthWatchTests {
  let policy = ModelHealthWatch.Policy(decisions: 100, factor: 3, floorRate: 0.05, assumedRate: 0.04)

  @Test func limitIsAMultipleOfTheExpectedRateButNeverBelowTheFloor() {
    #expect(policy.limit(expected: 0.03) == 0.09)
    #expect(policy.limit(expected: 0.001) == 0.05)
    #expect(policy.limit(expected: nil) == 3 * 0.04)
  }

  @Test func idleWatchIgnoresDecisions() {
    var watch = ModelHealthWatch(policy: policy)
    #expect(watch.record(.ambiguous) == nil)
    #expect(watch.state == .idle)
  }

  @Test func modelWithinItsLimitIsHealthyAfterTheWindow() {
    var watch = ModelHealthWatch(policy: policy)
    watch.start(version: 7, expectedRate: 0.03)
    var verdicts: [ModelHealthWatch.Verdict] = []
    for i in 0..<100 { verdicts.append(watch.record(i % 12 == 0 ? .ambiguous : .normal)!) }
    #expect(verdicts.dropLast().allSatisfy { $0 == .watching })
    #expect(verdicts.last == .healthy)
    #expect(watch.state == .idle)
  }

  @Test func misbehaviourIsCalledAsSoonAsTheLimitCannotBeMet() {
    var watch = ModelHealthWatch(policy: policy)
    watch.start(version: 7, expectedRate: 0.03)
    for _ in 0..<9 { #expect(watch.record(.ambiguous) == .watching) }
    #expect(watch.record(.ambiguous) == .misbehaving(version: 7, escalations: 10, decisions: 10, limit: 0.09))
    #expect(watch.state == .idle)
  }

  @Test func localDecisionsOfEitherKindAreNotEscalations() {
    var watch = ModelHealthWatch(policy: policy)
    watch.start(version: 1, expectedRate: 0)
    for i in 0..<99 { #expect(watch.record(i.isMultiple(of: 2) ? .anomaly : .normal) == .watching) }
    #expect(watch.record(.normal) == .healthy)
  }

  @Test func stopEndsTheWatch() {
    var watch = ModelHealthWatch(policy: policy)
    watch.start(version: 1, expectedRate: 0.01)
    watch.stop()
    #expect(watch.record(.ambiguous) == nil)
  }

  @Test func aMachineThatAlwaysEscalatedMuchIsNoFaultOfTheNewModel() {
    var watch = ModelHealthWatch(policy: policy)
    for i in 0..<200 { #expect(watch.record(i % 2 == 0 ? .ambiguous : .normal) == nil) }
    watch.start(version: 2, expectedRate: 0.03)
    var verdicts: [ModelHealthWatch.Verdict] = []
    for i in 0..<100 { verdicts.append(watch.record(i % 5 < 2 ? .ambiguous : .normal)!) }
    #expect(verdicts.last == .healthy)
  }

  @Test func aNewModelEscalatingMoreThanTheOldOneDidHereIsRolledBack() {
    var watch = ModelHealthWatch(policy: policy)
    for i in 0..<200 { _ = watch.record(i % 5 == 0 ? .ambiguous : .normal) }
    watch.start(version: 2, expectedRate: 0.03)
    var last: ModelHealthWatch.Verdict?
    for _ in 0..<100 {
      last = watch.record(.ambiguous)
      if last != .watching { break }
    }
    #expect(last == .misbehaving(version: 2, escalations: 21, decisions: 21, limit: 0.2))
  }

  @Test func aRestoredBaselineRaisesTheLimitLikeACountedOne() {
    var watch = ModelHealthWatch(policy: policy, baseline: (decisions: 200, escalations: 100))
    #expect(watch.baseline == (200, 100))
    watch.start(version: 2, expectedRate: 0.03)
    guard case .watching(_, let limit, _, _) = watch.state else {
      Issue.record("not watching: \(watch.state)")
      return
    }
    #expect(limit == 0.5)
  }

  @Test func aShortBaselineDoesNotRaiseTheLimit() {
    var watch = ModelHealthWatch(policy: policy)
    for _ in 0..<10 { _ = watch.record(.ambiguous) }
    watch.start(version: 2, expectedRate: 0.03)
    for _ in 0..<9 { #expect(watch.record(.ambiguous) == .watching) }
    #expect(watch.record(.ambiguous) == .misbehaving(version: 2, escalations: 10, decisions: 10, limit: 0.09))
  }
}
