import Learning
import Testing

@Suite struct QuantizeMultiplierTests {
  @Test func halfIsTwoToThirtyWithNoShift() {
    #expect(quantizeMultiplier(0.5) == QuantizedMultiplier(multiplier: 1 << 30, shift: 0))
  }

  @Test func quarterIsTwoToThirtyShiftedRightOnce() {
    #expect(quantizeMultiplier(0.25) == QuantizedMultiplier(multiplier: 1 << 30, shift: -1))
  }

  @Test func oneMillionthRoundsItsSignificandHalfAwayFromZero() {
    // 1e-6 = 0.524288 · 2^-19; 0.524288 · 2^31 = 1125899906.84 → 1125899907.
    #expect(quantizeMultiplier(1e-6) == QuantizedMultiplier(multiplier: 1_125_899_907, shift: -19))
  }

  @Test func significandRoundingUpToTwoToThirtyOneIsHalvedAndTheShiftBumped() {
    // 0.9999999999 · 2^31 = 2147483647.79 rounds to 2^31, which does not fit an Int32.
    #expect(quantizeMultiplier(0.9999999999) == QuantizedMultiplier(multiplier: 1 << 30, shift: 1))
    // 0.99999999 · 2^31 = 2147483626.5 still fits.
    #expect(quantizeMultiplier(0.99999999) == QuantizedMultiplier(multiplier: 2_147_483_627, shift: 0))
  }

  @Test func multipliersAboveOneGetPositiveShifts() {
    #expect(quantizeMultiplier(3) == QuantizedMultiplier(multiplier: 3 << 29, shift: 2))
  }

  @Test func zeroAndMultipliersBelowTwoToMinusThirtyOneFlushToZero() {
    #expect(quantizeMultiplier(0) == QuantizedMultiplier(multiplier: 0, shift: 0))
    #expect(quantizeMultiplier(0x1p-33) == QuantizedMultiplier(multiplier: 0, shift: 0))
    #expect(quantizeMultiplier(0x1p-31) == QuantizedMultiplier(multiplier: 1 << 30, shift: -30))
  }
}
