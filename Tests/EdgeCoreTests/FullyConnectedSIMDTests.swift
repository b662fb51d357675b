import Testing

@testable import EdgeCore

@Suite struct FullyConnectedSIMDTests {
  @Test func powerOfTwoScalesCanTieAndTheirGroupsAreChecked() {
    #expect(PackedFullyConnectedLayer.mayTie(scale: 0.5, zeroPoint: 0, lower: -128, upper: 127))
    #expect(PackedFullyConnectedLayer.mayTie(scale: 0x1p-10, zeroPoint: -128, lower: -128, upper: 127))
    #expect(PackedFullyConnectedLayer.mayTie(scale: 0.1, zeroPoint: 0, lower: -128, upper: 127))
    let layer = FullyConnectedLayer(
      inputCount: 3, outputCount: 20, weights: [Int8](repeating: 1, count: 60),
      bias: [Int32](repeating: 0, count: 20),
      inputZeroPoint: 0, weightZeroPoint: 0, outputZeroPoint: 0,
      effectiveScales: (0..<20).map { $0 < 16 ? 0.000_123_456_789 : 0.25 }, outputMin: -128, outputMax: 127)
    #expect(PackedFullyConnectedLayer(layer).rounding == [.nearestEven, .checked])
  }

  @Test func tiesOutsideTheClampOrBeyondInt32DoNotCount() {
    // With the clamp 127…127 every product rounds, either way, to the one code.
    #expect(!PackedFullyConnectedLayer.mayTie(scale: 0.5, zeroPoint: 0, lower: 127, upper: 127))
    // Every half-integer would need an accumulator beyond int32.
    #expect(!PackedFullyConnectedLayer.mayTie(scale: 0x1p-33, zeroPoint: 0, lower: -128, upper: 127))
  }

  @Test func converterScalesAreTieFreeSoEveryGroupRoundsWithoutChecks() throws {
    for fixture in ConverterFixture.int8 {
      let model = try TFLiteModel(bytes: fixture.model)
      for (index, op) in model.operators.enumerated() where op.kind.isFullyConnected {
        let packed = PackedFullyConnectedLayer(try FullyConnectedLayer(model: model, operatorIndex: index))
        #expect(packed.rounding.allSatisfy { $0 == .nearestEven }, "\(fixture.name) operator \(index)")
      }
    }
  }

  @Test func scalesOfOneHalfOrMoreUseTheScalarFormula() {
    let layer = FullyConnectedLayer(
      inputCount: 2, outputCount: 1, weights: [1, 1], bias: [0], inputZeroPoint: 0, weightZeroPoint: 0,
      outputZeroPoint: 0, effectiveScales: [0.75], outputMin: -128, outputMax: 127)
    #expect(PackedFullyConnectedLayer(layer).rounding == [.scalar])
  }
}
