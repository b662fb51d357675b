extension EdgeMath {
  /// `sin(π·x)` in double precision, within 2 ulp; exact zeros at integers. Used for twiddles and windows,
  /// whose angles are exact fractions of a turn, so no error from rounding π·x enters.
  ///
  /// Special values: `sinPi(±∞) = sinPi(NaN) = NaN`; every |x| ≥ 2⁵² is an integer, so the result is ±0.
  public static func sinPi(_ x: Double) -> Double {
    guard x.isFinite else { return Double.nan }
    let (quadrant, y) = reduceHalfTurns(x)
    switch quadrant {
    case 0: return sinOfPiTimes(y)
    case 1: return cosOfPiTimes(y)
    case 2: return -sinOfPiTimes(y)
    default: return -cosOfPiTimes(y)
    }
  }

  /// `cos(π·x)` in double precision, within 2 ulp; exact zeros at half-integers.
  ///
  /// Special values: `cosPi(±∞) = cosPi(NaN) = NaN`; every |x| ≥ 2⁵³ is even, so the result is 1.
  public static func cosPi(_ x: Double) -> Double {
    guard x.isFinite else { return Double.nan }
    let (quadrant, y) = reduceHalfTurns(x)
    switch quadrant {
    case 0: return cosOfPiTimes(y)
    case 1: return -sinOfPiTimes(y)
    case 2: return -cosOfPiTimes(y)
    default: return sinOfPiTimes(y)
    }
  }

  /// Splits `x` exactly into `quadrant/2 + y` half-turns (mod 2) with |y| ≤ ¼.
  private static func reduceHalfTurns(_ x: Double) -> (quadrant: Int, y: Double) {
    // r = x mod 2 in [-1, 1]; exact, because x and 2·round(x/2) share x's ulp grid.
    let r = x - 2 * roundedToInteger(x / 2)
    let quarter = roundedToInteger(2 * r)
    let y = r - quarter / 2
    return ((Int(quarter) + 4) % 4, y)
  }

  /// The nearest integer (ties to even) by the 2⁵² trick, so that no libm `rint` is needed.
  private static func roundedToInteger(_ v: Double) -> Double {
    let magic = 0x1p52
    if !(v.magnitude < magic) { return v }
    return v < 0 ? (v - magic) + magic : (v + magic) - magic
  }

  /// sin(π·y) for |y| ≤ ¼ by its Taylor series (terms to z¹⁹, truncation below 1e-19).
  private static func sinOfPiTimes(_ y: Double) -> Double {
    let z = Double.pi * y
    let z2 = z * z
    return z - z * (z2 * taylorTail(z2, firstPower: 3, lastPower: 19))
  }

  /// cos(π·y) for |y| ≤ ¼ by its Taylor series (terms to z²⁰, truncation below 1e-20).
  private static func cosOfPiTimes(_ y: Double) -> Double {
    let z = Double.pi * y
    let z2 = z * z
    // 1 − z²/2 + z⁴·tail, the two leading terms combined first for accuracy.
    return (1 - 0.5 * z2) + z2 * z2 * taylorTail(z2, firstPower: 4, lastPower: 20)
  }

  /// `Σⱼ (−z²)ʲ / (firstPower + 2j)!` up to `lastPower`, by Horner's rule from the smallest term.
  private static func taylorTail(_ z2: Double, firstPower: Int, lastPower: Int) -> Double {
    var sum = 1 / factorial(lastPower)
    for power in stride(from: lastPower - 2, through: firstPower, by: -2) {
      sum = sum * -z2 + 1 / factorial(power)
    }
    return sum
  }

  /// n! as a double (exact for n ≤ 22).
  private static func factorial(_ n: Int) -> Double {
    var product = 1.0
    for i in stride(from: 2, through: n, by: 1) { product *= Double(i) }
    return product
  }
}
