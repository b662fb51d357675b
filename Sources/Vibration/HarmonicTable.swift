import Foundation

/// Per-axis sums of half-order shaft harmonics, Σ aₕ·sin(h·θ/2) + bₕ·cos(h·θ/2) for h = 1…12 (0.5×…6×).
///
/// Storing sine and cosine parts lets the sample loop build every harmonic from one sin/cos pair.
struct HarmonicTable: Sendable {
  /// Half-orders held: 0.5× up to 6× running speed.
  static let halfOrders = 12

  let axes: Int
  private(set) var sine: [Double]
  private(set) var cosine: [Double]

  /// An all-zero table for `axes` axes.
  init(axes: Int) {
    self.axes = axes
    sine = Array(repeating: 0, count: axes * Self.halfOrders)
    cosine = sine
  }

  /// Adds `amplitude · sin(halfOrder · θ/2 + phase)` to one axis.
  mutating func add(axis: Int, halfOrder: Int, amplitude: Double, phase: Double) {
    let index = axis * Self.halfOrders + halfOrder - 1
    sine[index] += amplitude * cos(phase)
    cosine[index] += amplitude * sin(phase)
  }

  /// An upper bound of the peak of one axis's sum: the sum of its harmonic amplitudes.
  func peakBound(axis: Int) -> Double {
    (0..<Self.halfOrders).reduce(0) { sum, h in
      let index = axis * Self.halfOrders + h
      return sum + (sine[index] * sine[index] + cosine[index] * cosine[index]).squareRoot()
    }
  }
}
