import EdgeCore
import Foundation
import Testing

@Suite struct EdgeMathTests {
  /// Error of a single-precision result in units in the last place of the exact value.
  private func ulpError(_ value: Float, exact: Double) -> Double {
    abs(Double(value) - exact) / Double(Float(exact).ulp)
  }

  @Test func logIsWithinOneUlpOfFoundationAcrossTheWholePositiveRange() {
    var worst = 0.0
    var worstInput: Float = 0
    // Every 997th float from the smallest subnormal to the largest finite value (≈ 2.1 million inputs).
    var bits: UInt32 = 1
    while bits < Float.infinity.bitPattern {
      let x = Float(bitPattern: bits)
      let error = ulpError(EdgeMath.log(x), exact: Foundation.log(Double(x)))
      if error > worst { (worst, worstInput) = (error, x) }
      bits += 997
    }
    #expect(worst < 1, "worst error \(worst) ulp at \(worstInput)")
  }

  @Test func logIsCloseToFoundationNearOneWhereTheResultIsTiny() {
    for step in -2000...2000 {
      let x = Float(bitPattern: Float(1).bitPattern &+ UInt32(bitPattern: Int32(step)))
      #expect(ulpError(EdgeMath.log(x), exact: Foundation.log(Double(x))) < 1, "x = \(x)")
    }
  }

  @Test func logHandlesZeroInfinityNegativeAndNaN() {
    #expect(EdgeMath.log(1) == 0)
    #expect(EdgeMath.log(0) == -.infinity)
    #expect(EdgeMath.log(-0.0) == -.infinity)
    #expect(EdgeMath.log(.infinity) == .infinity)
    #expect(EdgeMath.log(-1).isNaN)
    #expect(EdgeMath.log(-.infinity).isNaN)
    #expect(EdgeMath.log(.nan).isNaN)
    #expect(
      EdgeMath.log(.leastNonzeroMagnitude) == Float(Foundation.log(Double(Float.leastNonzeroMagnitude))))
    #expect(
      EdgeMath.log(.greatestFiniteMagnitude) == Float(Foundation.log(Double(Float.greatestFiniteMagnitude))))
  }

  /// sin(π·x) and cos(π·x) in extended precision, accurate well beyond double for moderate |x|.
  private func referenceSinCos(_ x: Double) -> (sin: Double, cos: Double) {
    let angle = Float80.pi * Float80(x)
    return (Double(Foundation.sin(angle)), Double(Foundation.cos(angle)))
  }

  @Test func sinPiAndCosPiAreWithinTwoUlpOfExtendedPrecisionFoundation() {
    var generator = SplitMix64(seed: 7)
    var inputs: [Double] = [0, 0.25, 0.5, 1.0 / 3, 0.75, 1e-300, 5e-324, -1e-10]
    for _ in 0..<20_000 { inputs.append(Double.random(in: -1000...1000, using: &generator)) }
    for _ in 0..<5_000 { inputs.append(Double.random(in: -2...2, using: &generator)) }
    for x in inputs {
      let reference = referenceSinCos(x)
      // 2 ulp of the result, plus the reference's own error from rounding π·x in 64-bit precision.
      let referenceSlack = 4e-19 * max(1, abs(x))
      #expect(abs(EdgeMath.sinPi(x) - reference.sin) <= 2 * reference.sin.ulp + referenceSlack, "sinPi(\(x))")
      #expect(abs(EdgeMath.cosPi(x) - reference.cos) <= 2 * reference.cos.ulp + referenceSlack, "cosPi(\(x))")
    }
  }

  @Test func sinPiAndCosPiAreExactAtIntegersAndHalfIntegersEvenWhenHuge() {
    for x in [0.0, 1, -1, 2, 7, -13, 1e15, 0x1p52 + 1, 0x1p60, Double.greatestFiniteMagnitude] {
      #expect(EdgeMath.sinPi(x) == 0, "sinPi(\(x))")
      #expect(abs(EdgeMath.cosPi(x)) == 1, "cosPi(\(x))")
      #expect(EdgeMath.cosPi(x + 0.5) == 0 || abs(x) >= 0x1p52, "cosPi(\(x) + 0.5)")
    }
    #expect(EdgeMath.cosPi(0x1p60) == 1)
    #expect(EdgeMath.cosPi(0x1p52 + 1) == -1)
    #expect(EdgeMath.sinPi(0.5) == 1)
    #expect(EdgeMath.sinPi(-0.5) == -1)
    #expect(EdgeMath.cosPi(1.0 / 3) == 0.5 || abs(EdgeMath.cosPi(1.0 / 3) - 0.5) <= 0.5.ulp)
  }

  @Test func sinPiAndCosPiAreNaNForInfinityAndNaN() {
    for x in [Double.infinity, -.infinity, .nan] {
      #expect(EdgeMath.sinPi(x).isNaN)
      #expect(EdgeMath.cosPi(x).isNaN)
    }
  }

  @Test func squareRootIsBitIdenticalToTheHardwareSquareRoot() {
    // Every 4099th bit pattern from +0 to +∞ (≈ 520,000 values, subnormals included); checked for all floats once.
    var mismatches: [Float] = []
    var bits: UInt32 = 0
    while bits <= Float.infinity.bitPattern {
      let x = Float(bitPattern: bits)
      if EdgeMath.squareRoot(x).bitPattern != x.squareRoot().bitPattern { mismatches.append(x) }
      bits += 4099
    }
    #expect(mismatches.isEmpty, "differs at \(mismatches.prefix(5))")
    for x: Float in [
      0, .leastNonzeroMagnitude, .leastNormalMagnitude, 1, 2, 4, .greatestFiniteMagnitude, .infinity,
    ] {
      #expect(EdgeMath.squareRoot(x).bitPattern == x.squareRoot().bitPattern, "sqrt(\(x))")
    }
    #expect(EdgeMath.squareRoot(-0.0).bitPattern == Float(-0.0).bitPattern)
    #expect(EdgeMath.squareRoot(-1).isNaN)
    #expect(EdgeMath.squareRoot(.nan).isNaN)
  }
}
