/// Elementary functions in plain Swift arithmetic, so the device and the trainer compute bit-identical
/// features without libm (EdgeCore has none under Embedded Swift).
///
/// Every function uses only IEEE 754 additions, multiplications, divisions and bit manipulation in a
/// fixed order, so results are the same on every platform.
public enum EdgeMath {}

extension EdgeMath {
  /// The natural logarithm of `x` in single precision, within 1 ulp of the exact value.
  ///
  /// Special values: `log(±0) = -∞`, `log(+∞) = +∞`, `log(x < 0) = NaN`, `log(NaN) = NaN`;
  /// subnormal inputs are handled exactly like normal ones.
  ///
  /// Method: `x = 2^k · m` with `m` in [√½, √2); with `f = m − 1` and `s = f / (2 + f)`,
  /// `log m = 2·atanh s = f − (f²/2 − s·(f²/2 + R))` where `R = 2s²/3 + 2s⁴/5 + 2s⁶/7 + 2s⁸/9` is the
  /// atanh series (|s| ≤ 0.172, truncation error below 1e-9 relative); `k·ln 2` is added in two parts
  /// (a 12-bit head that multiplies exactly, and a tail), largest term last.
  public static func log(_ x: Float) -> Float {
    var bits = x.bitPattern
    var exponent: Int32 = 0
    if bits >= 0x8000_0000 || bits < 0x0080_0000 {
      if bits & 0x7FFF_FFFF == 0 { return -Float.infinity }
      if bits >= 0x8000_0000 { return x.isNaN ? x : Float.nan }
      // Subnormal: scale into the normal range first.
      bits = (x * 33_554_432).bitPattern  // 2^25
      exponent = -25
    } else if bits >= 0x7F80_0000 {
      return x  // +∞ or NaN
    }
    exponent += Int32(bitPattern: bits >> 23) - 127
    var mantissaBits = bits & 0x007F_FFFF
    // Move the mantissa from [1, 2) into [√½, √2) so |s| stays small.
    if mantissaBits >= 0x0035_04F3 {
      exponent += 1
      mantissaBits |= 0x3F00_0000
    } else {
      mantissaBits |= 0x3F80_0000
    }
    let f = Float(bitPattern: mantissaBits) - 1
    let s = f / (2 + f)
    let z = s * s
    let series = z * (2.0 / 3 + z * (2.0 / 5 + z * (2.0 / 7 + z * (2.0 / 9))))
    let halfSquare = 0.5 * f * f
    let k = Float(exponent)
    let ln2Head: Float = 0x1.62Ep-1
    let ln2Tail: Float = 0x1.0BFBE8p-15
    return k * ln2Head - ((halfSquare - (s * (halfSquare + series) + k * ln2Tail)) - f)
  }
}
