import EdgeCore
import Testing

@testable import EdgeAgent

@Suite struct ReplaySourceTests {
  private let layout = SignalLayout(samplesPerWindow: 2, axes: 3, sampleRateHz: 200)

  @Test func replaysWindowsInOrderThenEnds() async throws {
    var source = try ReplaySource(values: (0..<18).map(Float.init), layout: layout)
    var window = [Float](repeating: 0, count: 6)
    var seen: [[Float]] = []
    while await source.nextWindow(into: &window) { seen.append(window) }
    #expect(seen == [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], [12, 13, 14, 15, 16, 17]])
  }

  @Test func loopingReplayStartsOverAfterTheLastWindow() async throws {
    var source = try ReplaySource(values: (0..<12).map(Float.init), layout: layout, loops: true)
    var window = [Float](repeating: 0, count: 6)
    for _ in 0..<3 { _ = await source.nextWindow(into: &window) }
    #expect(window == [0, 1, 2, 3, 4, 5])
  }

  @Test func valuesThatAreNotWholeWindowsAreRefused() {
    #expect(throws: ReplaySourceError.notWholeWindows(valueCount: 7, valuesPerWindow: 6)) {
      try ReplaySource(values: [Float](repeating: 0, count: 7), layout: layout)
    }
    #expect(throws: ReplaySourceError.self) { try ReplaySource(values: [], layout: layout) }
  }
}
