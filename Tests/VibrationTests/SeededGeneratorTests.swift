import Testing

@testable import Vibration

@Suite("Seeded generator")
struct SeededGeneratorTests {
  @Test("the same seed gives the same sequence and another seed a different one")
  func sameSeedSameSequence() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    var c = SeededGenerator(seed: 43)
    let first = (0..<8).map { _ in a.next() }
    #expect(first == (0..<8).map { _ in b.next() })
    #expect(first != (0..<8).map { _ in c.next() })
  }

  @Test("sub-streams of one seed are independent of each other")
  func streamsDiffer() {
    var a = SeededGenerator(seed: 7, stream: 1)
    var b = SeededGenerator(seed: 7, stream: 2)
    #expect(a.next() != b.next())
  }

  @Test("Gaussian deviates have mean 0 and variance 1")
  func gaussianMoments() {
    var random = SeededGenerator(seed: 1)
    let values = (0..<200_000).map { _ in random.nextGaussian() }
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    #expect(abs(mean) < 0.01)
    #expect(abs(variance - 1) < 0.02)
  }

  @Test("uniform values stay in range and shuffling keeps every element")
  func uniformAndShuffle() {
    var random = SeededGenerator(seed: 3)
    #expect((0..<10_000).allSatisfy { _ in (2.0...3.0).contains(random.uniform(2...3)) })
    var values = Array(0..<100)
    random.shuffle(&values)
    #expect(values != Array(0..<100))
    #expect(values.sorted() == Array(0..<100))
  }
}
