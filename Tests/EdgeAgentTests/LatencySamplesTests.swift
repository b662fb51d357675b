import EdgeAgent
import Testing

@Suite struct LatencySamplesTests {
  @Test func quantilesFollowTheNearestRankRule() {
    var samples = LatencySamples()
    #expect(samples.quantile(0.5) == nil)
    for value in (1...100).reversed() { samples.add(Double(value)) }
    #expect(samples.quantile(0.5) == 50)
    #expect(samples.quantile(0.99) == 99)
    #expect(samples.quantile(1) == 100)
    #expect(samples.quantile(0) == 1)
  }

  @Test func aFullSampleStaysBoundedAndKeepsCountingWhatItWasOffered() {
    var samples = LatencySamples(capacity: 50)
    for value in 0..<10_000 { samples.add(Double(value)) }
    #expect(samples.values.count == 50 && samples.count == 10_000)
    let median = samples.quantile(0.5) ?? -1
    #expect(median > 2_000 && median < 8_000, "a uniform sample of 0..<10000 has its median near 5000")
  }
}

@Suite struct VirtualClockTests {
  @Test func timeMovesOnlyAsWindowsAreRead() {
    let clock = VirtualClock()
    let start = clock.date
    #expect(clock.milliseconds == 0)
    for _ in 0..<4 { clock.windowRead(seconds: 0.5) }
    #expect(clock.milliseconds == 2_000)
    #expect(clock.date.timeIntervalSince(start) == 2)
  }
}
