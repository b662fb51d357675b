extension EdgeMath {
  /// The correctly rounded square root of `x` (IEEE 754 round-to-nearest-even, the same value as
  /// `x.squareRoot()`), in integer arithmetic so that soft-float firmware needs no `sqrtf`.
  ///
  /// Special values: `±0 → ±0`, `+∞ → +∞`, negative or NaN → NaN.
  public static func squareRoot(_ x: Float) -> Float {
    if x.isNaN || x < 0 { return x.isNaN ? x : Float.nan }
    if x == 0 || x == Float.infinity { return x }
    // x = significand · 2^exponent with an integer significand in [2^23, 2^24).
    var significand = UInt64(x.significandBitPattern)
    var exponent = Int(x.exponentBitPattern) - 150
    if x.exponentBitPattern == 0 {
      exponent += 1
      while significand < 1 << 23 {
        significand <<= 1
        exponent -= 1
      }
    } else {
      significand |= 1 << 23
    }
    // Make the exponent even, then widen so the integer root has 25 bits: 24 of result, 1 to round.
    let shift = exponent & 1 == 0 ? 26 : 25
    let widened = significand << UInt64(shift)
    exponent -= shift
    let root = integerSquareRoot(widened)
    let exact = root * root == widened
    var mantissa = root >> 1
    let half = root & 1 == 1
    if half && (!exact || mantissa & 1 == 1) { mantissa += 1 }
    var resultExponent = exponent / 2 + 1
    if mantissa == 1 << 24 {
      mantissa >>= 1
      resultExponent += 1
    }
    let biased = UInt32(resultExponent + 23 + 127)
    return Float(bitPattern: biased << 23 | UInt32(mantissa & 0x7F_FFFF))
  }

  /// ⌊√n⌋ by the binary digit-by-digit method.
  private static func integerSquareRoot(_ n: UInt64) -> UInt64 {
    var remainder = n
    var root: UInt64 = 0
    var bit: UInt64 = 1 << 62
    while bit > n { bit >>= 2 }
    while bit != 0 {
      if remainder >= root + bit {
        remainder -= root + bit
        root = root >> 1 + bit
      } else {
        root >>= 1
      }
      bit >>= 2
    }
    return root
  }
}
