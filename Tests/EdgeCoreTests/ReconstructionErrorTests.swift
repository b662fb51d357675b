import EdgeCore
import Testing

@Suite struct ReconstructionErrorTests {
  @Test func meanSquaredErrorOfKnownVectorsIsExact() {
    #expect(meanSquaredError([1, 2, 3, 4], [1, 2, 3, 4]) == 0)
    #expect(meanSquaredError([1, 2, 3, 4], [0, 0, 0, 0]) == 7.5)
    #expect(meanSquaredError([0.5, -1.5], [1.5, 0.5]) == 2.5)
    #expect(meanSquaredError([3], [-1]) == 16)
  }

  @Test func meanSquaredErrorAccumulatesInIndexOrder() {
    // In single precision 1e8 + 4 rounds back to 1e8, so only the first-to-last order gives exactly 1e8;
    // summing the small squares first would give 1e8 + 16.
    let input: [Float] = [10_000, 2, 2, 2]
    let zeros: [Float] = [0, 0, 0, 0]
    #expect(meanSquaredError(input, zeros) == 25_000_000)
    #expect(meanSquaredError(Array(input.reversed()), zeros) == 25_000_004)
  }
}
