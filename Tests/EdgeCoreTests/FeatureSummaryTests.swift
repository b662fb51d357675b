import EdgeCore
import Foundation
import Testing

@Suite struct FeatureSummaryTests {
  private let thresholds = try! ZoneThresholds(low: 0.4, high: 0.8)

  /// Windows of three sines (x 10 Hz, y 36 Hz, z 72 Hz at 200 Hz, on the 2 Hz bin grid) on offsets, with seeded noise.
  private func windows(_ count: Int, offsets: [Float] = [0.1, -0.2, 1.0], seed: UInt64 = 3) -> [[Float]] {
    var generator = SplitMix64(seed: seed)
    let frequencies: [Float] = [10, 36, 72]
    return (0..<count).map { w in
      var window = [Float](repeating: 0, count: 300)
      for sample in 0..<100 {
        let t = Float(w * 100 + sample) / 200
        for axis in 0..<3 {
          window[sample * 3 + axis] =
            offsets[axis] + 0.3 * sin(2 * .pi * frequencies[axis] * t)
            + Float.random(in: -0.05...0.05, using: &generator)
        }
      }
      return window
    }
  }

  @Test func meansAndVariancesMatchATwoPassReference() {
    let data = windows(12)
    var accumulator = FeatureSummaryAccumulator(layout: .lesson, thresholds: thresholds)
    for window in data { accumulator.add(window: window, mse: 0.1) }
    let summary = accumulator.snapshot()
    for axis in 0..<3 {
      let values = data.flatMap { window in (0..<100).map { Double(window[$0 * 3 + axis]) } }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
      #expect(abs(Double(summary.means[axis]) - mean) < 1e-6)
      #expect(abs(Double(summary.variances[axis]) - variance) / variance < 1e-5)
    }
  }

  @Test func varianceStaysAccurateOnALargeOffset() {
    let data = windows(40, offsets: [1_000, 1_000, 1_000])
    var accumulator = FeatureSummaryAccumulator(layout: .lesson, thresholds: thresholds)
    for window in data { accumulator.add(window: window, mse: 0.1) }
    let values = data.flatMap { window in (0..<100).map { Double(window[$0 * 3]) } }
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
    #expect(abs(Double(accumulator.snapshot().variances[0]) - variance) / variance < 1e-4)
  }

  @Test func peakFrequencyPerAxisIsTheSineFrequency() {
    var accumulator = FeatureSummaryAccumulator(layout: .lesson, thresholds: thresholds)
    for window in windows(8) { accumulator.add(window: window, mse: 0.1) }
    #expect(accumulator.snapshot().peakFrequenciesHz == [10, 36, 72])
  }

  @Test func histogramBinsSitOnTheThresholds() {
    let histogram = FeatureSummaryHistogram(thresholds: thresholds)
    let cases: [(Float, Int)] = [
      (-1, 0), (0, 0), (0.09, 0), (0.1, 1), (0.25, 2), (0.399, 3), (0.4, 4), (0.5, 5), (0.6, 6), (0.75, 7),
      (0.8, 7), (0.81, 8), (1.6, 8), (1.61, 9), (.infinity, 9), (.nan, 9),
    ]
    for (mse, bin) in cases { #expect(histogram.bin(for: mse) == bin, "mse \(mse)") }
  }

  @Test func histogramZoneSumsEqualTheZoneCounts() {
    let histogram = FeatureSummaryHistogram(thresholds: thresholds)
    var generator = SplitMix64(seed: 11)
    var zoneCounts = [0, 0, 0]
    var binCounts = [Int](repeating: 0, count: 10)
    for _ in 0..<5_000 {
      let mse = Float.random(in: 0...2, using: &generator)
      zoneCounts[Int(thresholds.classify(mse).rawValue)] += 1
      binCounts[histogram.bin(for: mse)] += 1
    }
    #expect(binCounts[0..<4].reduce(0, +) == zoneCounts[0])
    #expect(binCounts[4..<8].reduce(0, +) == zoneCounts[1])
    #expect(binCounts[8..<10].reduce(0, +) == zoneCounts[2])
  }

  @Test func equalThresholdsPutTheThresholdInTheLastAmbiguousBin() throws {
    let histogram = FeatureSummaryHistogram(thresholds: try ZoneThresholds(low: 0.5, high: 0.5))
    #expect(histogram.bin(for: 0.5) == 7)
    #expect(histogram.bin(for: 0.49) == 3)
    #expect(histogram.bin(for: 0.51) == 8)
  }

  @Test func valuesAreTwentyInTheWireOrder() {
    var accumulator = FeatureSummaryAccumulator(layout: .lesson, thresholds: thresholds)
    let data = windows(3)
    for (window, mse) in zip(data, [Float(0.1), 0.5, 2]) { accumulator.add(window: window, mse: mse) }
    let summary = accumulator.snapshot()
    let values = summary.values
    #expect(values.count == 20)
    #expect(
      Array(values[0..<6]) == [
        summary.means[0], summary.variances[0], summary.means[1], summary.variances[1], summary.means[2],
        summary.variances[2],
      ])
    #expect(Array(values[6..<16]) == [0, 1, 0, 0, 0, 1, 0, 0, 0, 1])
    #expect(Array(values[16..<19]) == summary.peakFrequenciesHz)
    #expect(values[19] == 3)
  }

  @Test func resetStartsAnEmptyPeriod() {
    var accumulator = FeatureSummaryAccumulator(layout: .lesson, thresholds: thresholds)
    let empty = accumulator.snapshot()
    #expect(empty.windowCount == 0 && empty.values.allSatisfy { $0 == 0 })
    for window in windows(2) { accumulator.add(window: window, mse: 0.5) }
    accumulator.reset()
    #expect(accumulator.snapshot() == empty)
  }
}
