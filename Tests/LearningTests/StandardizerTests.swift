import Learning
import Testing

@Suite struct StandardizerTests {
  @Test func perAxisStatisticsEqualHandComputedOnes() {
    // Two windows of two samples × 3 interleaved axes: x = 1,3,5,7; y = 2,2,2,2; z = 0,10,20,30.
    let features = Matrix(rowArrays: [[1, 2, 0, 3, 2, 10], [5, 2, 20, 7, 2, 30]])
    let standardizer = Standardizer(fitting: features, mode: .perAxis(axes: 3))
    #expect(standardizer.mean == [4, 2, 15])
    // Population std: x → √5, y constant → 1 (centred only), z → √125.
    #expect(standardizer.std == [Float(5).squareRoot(), 1, Float(125).squareRoot()])
    let z = standardizer.apply(features)
    #expect(z[0, 0] == (1 - 4) / Float(5).squareRoot())
    #expect(z[1, 4] == 0)
  }

  @Test func perFeatureStatisticsAreColumnStatistics() {
    let features = Matrix(rowArrays: [[1, 10], [3, 10], [5, 40]])
    let standardizer = Standardizer(fitting: features, mode: .perFeature)
    #expect(standardizer.mean == [3, 20])
    #expect(standardizer.std == [Float(8.0 / 3).squareRoot(), Float(200).squareRoot()])
  }

  @Test(arguments: [Standardizer.Mode.perAxis(axes: 3), .perFeature])
  func applyThenInvertIsTheIdentity(mode: Standardizer.Mode) {
    let features = sineWindows(count: 50, samples: 10, axes: 3, seed: 31)
    let standardizer = Standardizer(fitting: features, mode: mode)
    let standardized = standardizer.apply(features)
    let restored = standardizer.invert(standardized)
    let worst = zip(restored.values, features.values).map { abs($0 - $1) }.max()!
    #expect(worst < 1e-5)
    // Standardized training data has zero mean and unit variance per group.
    let refit = Standardizer(fitting: standardized, mode: mode)
    #expect(refit.mean.allSatisfy { abs($0) < 1e-5 })
    #expect(refit.std.allSatisfy { abs($0 - 1) < 1e-4 })
  }
}
