import Foundation

/// A real multiplier as TFLite's integer kernels apply it: a Q31 fixed-point value and a power-of-two shift.
public struct QuantizedMultiplier: Equatable, Hashable, Sendable {
  /// The significand in Q31, in [2^30, 2^31) for a non-zero multiplier (0 when the multiplier is 0 or too small).
  public var multiplier: Int32
  /// The exponent: the real multiplier is `multiplier / 2^31 · 2^shift` (positive shifts left).
  public var shift: Int32

  /// A multiplier and shift as stored by TFLite's kernels.
  public init(multiplier: Int32, shift: Int32) {
    self.multiplier = multiplier
    self.shift = shift
  }
}

/// Splits a real multiplier exactly as TFLite's `QuantizeMultiplier` does, so requantization matches LiteRT bit for bit.
///
/// `frexp` gives `q ∈ [0.5, 1)` and an exponent; `q · 2^31` is rounded half away from zero; a rounding up to
/// `2^31` is halved with the exponent bumped; multipliers below about 2^-31 (shift < -31) flush to zero.
public func quantizeMultiplier(_ realMultiplier: Double) -> QuantizedMultiplier {
  if realMultiplier == 0 { return QuantizedMultiplier(multiplier: 0, shift: 0) }
  let (significand, exponent) = frexp(realMultiplier)
  var fixed = Int64((significand * Double(Int64(1) << 31)).rounded(.toNearestOrAwayFromZero))
  var shift = Int32(exponent)
  precondition(fixed <= Int64(1) << 31, "frexp returned a significand outside [0.5, 1)")
  if fixed == Int64(1) << 31 {
    fixed /= 2
    shift += 1
  }
  if shift < -31 {
    shift = 0
    fixed = 0
  }
  return QuantizedMultiplier(multiplier: Int32(fixed), shift: shift)
}
