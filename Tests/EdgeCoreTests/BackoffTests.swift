import EdgeCore
import Testing

@Suite struct BackoffTests {
  private let minute: UInt64 = 60_000
  /// The lesson's times compressed a thousandfold (60 ms … 1.8 s), as a simulation would use them.
  private let compressed = try! BackoffPolicy(baseMilliseconds: 60, maximumMilliseconds: 1_800)

  /// Asks the machine (a mutating call cannot sit inside `#expect`).
  private func attempt(_ backoff: inout Backoff, at now: UInt64) -> Bool {
    backoff.shouldAttempt(at: now)
  }

  @Test func lessonPolicyWaitsOneTwoFourUpToThirtyMinutes() {
    let minutes = (1...8).map { BackoffPolicy.lesson.delayMilliseconds(afterFailures: $0) / minute }
    #expect(minutes == [1, 2, 4, 8, 16, 30, 30, 30])
  }

  @Test func delayNeverOverflowsHoweverManyFailures() throws {
    let policy = try BackoffPolicy(baseMilliseconds: 1, maximumMilliseconds: .max, factor: 1_000)
    #expect(policy.delayMilliseconds(afterFailures: 1_000) == .max)
    #expect(policy.delayMilliseconds(afterFailures: 3) == 1_000_000)
  }

  @Test func constantFactorGivesConstantWaits() throws {
    let policy = try BackoffPolicy(baseMilliseconds: 500, maximumMilliseconds: 10_000, factor: 1)
    #expect((1...5).map { policy.delayMilliseconds(afterFailures: $0) } == [500, 500, 500, 500, 500])
  }

  @Test func jitterShortensTheWaitByAtMostItsFraction() throws {
    let policy = try BackoffPolicy(baseMilliseconds: 1_000, maximumMilliseconds: 8_000, jitterFraction: 0.25)
    #expect(policy.delayMilliseconds(afterFailures: 2, jitter: 0) == 2_000)
    #expect(policy.delayMilliseconds(afterFailures: 2, jitter: 0.5) == 1_750)
    #expect(policy.delayMilliseconds(afterFailures: 2, jitter: 0.999) > 1_500)
    #expect(policy.delayMilliseconds(afterFailures: 4, jitter: 0.5) == 7_000)
  }

  @Test func fullJitterStillWaitsAtLeastOneMillisecond() throws {
    let policy = try BackoffPolicy(baseMilliseconds: 10, maximumMilliseconds: 10, jitterFraction: 1)
    #expect(policy.delayMilliseconds(afterFailures: 1, jitter: 1) == 1)
  }

  @Test func refusesNonsensePolicies() {
    #expect(throws: BackoffPolicyError.zeroBase) {
      try BackoffPolicy(baseMilliseconds: 0, maximumMilliseconds: 10)
    }
    #expect(throws: BackoffPolicyError.maximumBelowBase(base: 10, maximum: 5)) {
      try BackoffPolicy(baseMilliseconds: 10, maximumMilliseconds: 5)
    }
    #expect(throws: BackoffPolicyError.factorBelowOne) {
      try BackoffPolicy(baseMilliseconds: 10, maximumMilliseconds: 50, factor: 0)
    }
    #expect(throws: BackoffPolicyError.jitterOutOfRange(1.5)) {
      try BackoffPolicy(baseMilliseconds: 10, maximumMilliseconds: 50, jitterFraction: 1.5)
    }
    #expect(throws: BackoffPolicyError.self) {
      try BackoffPolicy(baseMilliseconds: 10, maximumMilliseconds: 50, jitterFraction: .nan)
    }
  }

  @Test func healthyAllowsEveryAttemptAndStaysHealthyOnSuccess() {
    var backoff = Backoff(policy: compressed)
    #expect(attempt(&backoff, at: 0))
    #expect(attempt(&backoff, at: 0))
    backoff.recordSuccess()
    #expect(backoff.state == .healthy)
    #expect(backoff.consecutiveFailures == 0)
    #expect(backoff.backoffSeconds(at: 5) == 0)
  }

  @Test func failureWhileHealthyWaitsTheBaseDelay() {
    var backoff = Backoff(policy: compressed)
    backoff.recordFailure(at: 1_000)
    #expect(backoff.state == .backingOff(until: 1_060, failures: 1))
    #expect(backoff.consecutiveFailures == 1)
    #expect(!attempt(&backoff, at: 1_059))
    #expect(backoff.state == .backingOff(until: 1_060, failures: 1))
    #expect(backoff.remainingMilliseconds(at: 1_030) == 30)
    #expect(backoff.backoffSeconds(at: 1_030) == 0.03)
  }

  @Test func waitOverTurnsTheNextAttemptIntoTheOnlyProbe() {
    var backoff = Backoff(policy: compressed)
    backoff.recordFailure(at: 0)
    #expect(attempt(&backoff, at: 60))
    #expect(backoff.state == .probing(failures: 1))
    #expect(!attempt(&backoff, at: 61))
    #expect(!attempt(&backoff, at: 10_000))
    #expect(backoff.remainingMilliseconds(at: 61) == 0)
  }

  @Test func probeSuccessResetsToHealthy() {
    var backoff = Backoff(policy: compressed)
    backoff.recordFailure(at: 0)
    _ = backoff.shouldAttempt(at: 100)
    backoff.recordSuccess()
    #expect(backoff.state == .healthy)
    backoff.recordFailure(at: 200)
    #expect(backoff.state == .backingOff(until: 260, failures: 1))
  }

  @Test func probeFailureDoublesTheWaitUpToTheMaximum() {
    var backoff = Backoff(policy: compressed)
    var now: UInt64 = 0
    backoff.recordFailure(at: now)
    var waits: [UInt64] = []
    for _ in 0..<7 {
      guard case .backingOff(let until, _) = backoff.state else {
        Issue.record("expected a wait, got \(backoff.state)")
        return
      }
      waits.append(until - now)
      now = until
      #expect(attempt(&backoff, at: now))
      backoff.recordFailure(at: now)
    }
    #expect(waits == [60, 120, 240, 480, 960, 1_800, 1_800])
    #expect(backoff.consecutiveFailures == 8)
  }

  @Test func lateFailureDuringAWaitDoesNotLengthenIt() {
    var backoff = Backoff(policy: compressed)
    backoff.recordFailure(at: 0)
    backoff.recordFailure(at: 30)
    #expect(backoff.state == .backingOff(until: 60, failures: 1))
  }

  @Test func lateSuccessDuringAWaitEndsIt() {
    var backoff = Backoff(policy: compressed)
    backoff.recordFailure(at: 0)
    backoff.recordSuccess()
    #expect(backoff.state == .healthy)
    #expect(attempt(&backoff, at: 1))
  }

  @Test func jitterDrawShortensTheScheduledWait() throws {
    let policy = try BackoffPolicy(baseMilliseconds: 1_000, maximumMilliseconds: 4_000, jitterFraction: 0.5)
    var backoff = Backoff(policy: policy)
    backoff.recordFailure(at: 0, jitter: 0.5)
    #expect(backoff.state == .backingOff(until: 750, failures: 1))
  }

  @Test func waitEndingPastTheClockRangeSaturates() throws {
    var backoff = Backoff(policy: compressed)
    backoff.recordFailure(at: .max - 10)
    #expect(backoff.state == .backingOff(until: .max, failures: 1))
  }
}
