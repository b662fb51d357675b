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

  /// The highest half-order with a non-zero coefficient on any axis (0 for an empty table).
  var highestHalfOrder: Int {
    (1...Self.halfOrders).last { h in
      (0..<axes).contains {
        sine[$0 * Self.halfOrders + h - 1] != 0 || cosine[$0 * Self.halfOrders + h - 1] != 0
      }
    } ?? 0
  }

  /// RMS of one axis's sum of harmonics.
  func rms(axis: Int) -> Double {
    let range = (axis * Self.halfOrders)..<((axis + 1) * Self.halfOrders)
    return (range.reduce(0) { $0 + sine[$1] * sine[$1] + cosine[$1] * cosine[$1] } / 2).squareRoot()
  }
}
