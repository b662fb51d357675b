/// Input standardization `(x − mean) / std` with statistics fitted on the training features; it travels
/// with the model so that inference always scales inputs the way training did.
public struct Standardizer: Equatable, Sendable {
  /// Which features share a mean and standard deviation.
  public enum Mode: Equatable, Sendable {
    /// One pair per interleaved axis: feature `f` belongs to axis `f % axes` (raw windows; the lesson's 6 numbers).
    case perAxis(axes: Int)
    /// One pair per feature column (spectral features).
    case perFeature
  }

  /// How features are grouped.
  public let mode: Mode
  /// Number of features per row.
  public let featureCount: Int
  /// Mean of each group (`axes` or `featureCount` values).
  public let mean: [Float]
  /// Standard deviation of each group as used for scaling (population std; 1 for constant groups).
  public let std: [Float]

  /// Groups whose standard deviation is below this are treated as constant: centred, not scaled.
  public static let defaultMinimumStd: Float = 1e-6

  /// Fits means and standard deviations (population, as numpy's `std`) on the rows of `features`.
  public init(fitting features: Matrix, mode: Mode, minimumStd: Float = Standardizer.defaultMinimumStd) {
    precondition(features.rows > 0, "Cannot fit a standardizer on zero rows")
    let groupCount = Self.groupCount(mode: mode, featureCount: features.cols)
    let group = Self.groupIndex(mode: mode)
    var sums = [Double](repeating: 0, count: groupCount)
    var counts = [Double](repeating: 0, count: groupCount)
    for r in 0..<features.rows {
      for f in 0..<features.cols {
        sums[group(f)] += Double(features.values[r * features.cols + f])
        counts[group(f)] += 1
      }
    }
    let means = zip(sums, counts).map { $0 / $1 }
    var squares = [Double](repeating: 0, count: groupCount)
    for r in 0..<features.rows {
      for f in 0..<features.cols {
        let d = Double(features.values[r * features.cols + f]) - means[group(f)]
        squares[group(f)] += d * d
      }
    }
    let stds = zip(squares, counts).map { Float(($0 / $1).squareRoot()) }
    self.init(
      mode: mode, featureCount: features.cols, mean: means.map { Float($0) },
      std: stds.map { $0 < minimumStd ? 1 : $0 })
  }

  /// A standardizer from known statistics (one value per group), e.g. read from a model file.
  public init(mode: Mode, featureCount: Int, mean: [Float], std: [Float]) {
    let groupCount = Self.groupCount(mode: mode, featureCount: featureCount)
    precondition(
      mean.count == groupCount && std.count == groupCount,
      "Standardizer for \(featureCount) features needs \(groupCount) means and stds")
    precondition(std.allSatisfy { $0 > 0 && $0.isFinite }, "Standard deviations must be positive and finite")
    self.mode = mode
    self.featureCount = featureCount
    self.mean = mean
    self.std = std
  }

  /// `(x − mean) / std` for every row.
  public func apply(_ features: Matrix) -> Matrix {
    transform(features) { x, mean, std in (x - mean) / std }
  }

  /// `z · std + mean` for every row: the inverse of `apply`, back to feature units.
  public func invert(_ standardized: Matrix) -> Matrix {
    transform(standardized) { z, mean, std in z * std + mean }
  }

  /// Number of mean/std pairs for a mode and feature count.
  public static func groupCount(mode: Mode, featureCount: Int) -> Int {
    switch mode {
    case .perAxis(let axes):
      precondition(
        axes > 0 && featureCount % axes == 0, "\(featureCount) features do not split into \(axes) axes")
      return axes
    case .perFeature:
      return featureCount
    }
  }

  private static func groupIndex(mode: Mode) -> (Int) -> Int {
    switch mode {
    case .perAxis(let axes): { $0 % axes }
    case .perFeature: { $0 }
    }
  }

  /// The mean and standard deviation of every feature (its group's pair), for loops that scale one row.
  func featureStatistics() -> (means: [Float], stds: [Float]) {
    let group = Self.groupIndex(mode: mode)
    return ((0..<featureCount).map { mean[group($0)] }, (0..<featureCount).map { std[group($0)] })
  }

  private func transform(_ matrix: Matrix, _ map: (Float, Float, Float) -> Float) -> Matrix {
    precondition(
      matrix.cols == featureCount, "Standardizer expects \(featureCount) features, got \(matrix.cols)")
    let (means, stds) = featureStatistics()
    var result = matrix
    for r in 0..<matrix.rows {
      for f in 0..<featureCount {
        result.values[r * featureCount + f] = map(matrix.values[r * featureCount + f], means[f], stds[f])
      }
    }
    return result
  }
}
