import EdgeAgent
import Synchronization
import Testing

@Suite struct LiveModelTests {
  @Test func loopSeesAReplacementOnlyOnceAndFromTheNextWindow() {
    let live = LiveModel("v1", version: 1)
    var entry = live.entry
    #expect(live.ifChanged(since: entry.generation) == nil)
    live.replace(with: "v2", version: 2)
    let next = live.ifChanged(since: entry.generation)
    #expect(next?.model == "v2" && next?.version == 2)
    entry = next!
    #expect(live.ifChanged(since: entry.generation) == nil)
  }

  @Test func swapsDuringARunningLoopDropNoWindow() async {
    let live = LiveModel(0, version: 0)
    let windows = 20_000
    let processed = await withTaskGroup(of: [Int].self) { group in
      group.addTask {
        var generation = live.entry.generation
        var model = live.entry.model
        var perWindowModel: [Int] = []
        perWindowModel.reserveCapacity(windows)
        for _ in 0..<windows {
          if let changed = live.ifChanged(since: generation) {
            generation = changed.generation
            model = changed.model
          }
          perWindowModel.append(model)
          await Task.yield()
        }
        return perWindowModel
      }
      group.addTask {
        for version in 1...50 {
          live.replace(with: version, version: version)
          await Task.yield()
        }
        return []
      }
      var result: [Int] = []
      for await part in group where !part.isEmpty { result = part }
      return result
    }
    #expect(processed.count == windows)
    #expect(zip(processed, processed.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(live.entry.version == 50)
  }
}

extension LiveModel.Entry: Equatable where Model: Equatable {
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.model == rhs.model && lhs.version == rhs.version && lhs.generation == rhs.generation
  }
}
