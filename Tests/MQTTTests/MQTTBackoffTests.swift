import Testing

@testable import MQTT

@Suite("Reconnect backoff")
struct MQTTBackoffTests {
  @Test("delays double from the minimum and stop at the maximum")
  func doublesUpToMaximum() {
    let backoff = MQTTBackoff(minimum: .milliseconds(100), maximum: .seconds(1), jitter: 0)
    let delays = (0..<6).map { backoff.delay(forAttempt: $0, randomFraction: 0.5) }
    #expect(
      delays == [
        .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1),
        .seconds(1),
      ])
    #expect(backoff.delay(forAttempt: Int.max, randomFraction: 0) == .seconds(1))
  }

  @Test("jitter removes up to its fraction of the delay, never more")
  func jitterShortens() {
    let backoff = MQTTBackoff(minimum: .seconds(1), maximum: .seconds(8), jitter: 0.25)
    #expect(backoff.delay(forAttempt: 1, randomFraction: 0) == .seconds(2))
    #expect(backoff.delay(forAttempt: 1, randomFraction: 1) == .milliseconds(1500))
    #expect(backoff.delay(forAttempt: 1, randomFraction: 7) == .milliseconds(1500))
  }
}
