import Testing

@testable import EdgeCore

@Suite struct Int8QuantizationTests {
  @Test func quantizeRoundsHalfwayValuesAwayFromZeroLikeLiteRT() {
    let quantization = Int8Quantization(scale: 0.5, zeroPoint: 3)
    #expect(quantization.quantize(0.25) == 4)
    #expect(quantization.quantize(-0.25) == 2)
    #expect(quantization.quantize(0.75) == 5)
    #expect(quantization.quantize(1.25) == 6)
    #expect(quantization.quantize(-1.25) == 0)
  }

  @Test func quantizeSaturatesAndSendsNaNToTheLowestCode() {
    let quantization = Int8Quantization(scale: 0.01, zeroPoint: -5)
    #expect(quantization.quantize(1e30) == 127)
    #expect(quantization.quantize(.infinity) == 127)
    #expect(quantization.quantize(-.infinity) == -128)
    #expect(quantization.quantize(-1e30) == -128)
    #expect(quantization.quantize(.nan) == -128)
  }

  @Test func vectorQuantizeEqualsScalarQuantizeForEveryValue() {
    var random = SplitMix64(seed: 11)
    for length in 0..<40 {
      let quantization = RandomLayers.quantization(using: &random)
      let special: [Float] = [.nan, .infinity, -.infinity, 1e38, -1e38, 0, -0.0]
      for withTies in [false, true] {
        let values: [Float] = (0..<length).map { _ in
          switch Int.random(in: 0..<8, using: &random) {
          case 0: special.randomElement(using: &random)!
          case 1 where withTies:
            (Float(Int.random(in: -200...200, using: &random)) + 0.5) * quantization.scale
          default: Float.random(in: -200...200, using: &random) * quantization.scale
          }
        }
        var codes = [Int16](repeating: 0, count: length)
        let quantizer = Int8VectorQuantizer(quantization)
        values.withUnsafeBufferPointer { values in
          codes.withUnsafeMutableBufferPointer { quantizer.quantize(values, into: $0.baseAddress!) }
        }
        #expect(codes == values.map { Int16(quantization.quantize($0)) })
      }
    }
  }

  @Test func meanSquaredErrorIsTheSameForInt8AndInt16Codes() {
    var random = SplitMix64(seed: 13)
    let quantization = RandomLayers.quantization(using: &random)
    for length in [1, 3, 4, 7, 8, 300, 301] {
      let values = (0..<length).map { _ in Float.random(in: -5...5, using: &random) }
      let codes = (0..<length).map { _ in Int8.random(in: .min ... .max, using: &random) }
      let wide = codes.map { Int16($0) }
      let errors = values.withUnsafeBufferPointer { values in
        (
          quantization.meanSquaredError(values, codes: codes),
          quantization.meanSquaredError(values, codes: wide)
        )
      }
      let expected =
        zip(values, codes).map { pair -> Double in
          let difference = Double(pair.0 - quantization.dequantize(pair.1))
          return difference * difference
        }.reduce(0, +) / Double(length)
      #expect(errors.0.bitPattern == errors.1.bitPattern)
      #expect(abs(Double(errors.0) - expected) <= 1e-5 * expected)
    }
  }

  @Test func dequantizeEqualsLiteRTsDoubleProductRoundedToFloat() {
    var random = SplitMix64(seed: 5)
    for _ in 0..<200 {
      let quantization = Int8Quantization(
        scale: Float.random(in: 1e-6...10, using: &random),
        zeroPoint: Int32.random(in: -128...127, using: &random))
      for code in Int8.min...Int8.max {
        let liteRT = Float(Double(quantization.scale) * Double(Int32(code) - quantization.zeroPoint))
        #expect(quantization.dequantize(code).bitPattern == liteRT.bitPattern)
      }
    }
  }

  /// Values confirmed against ai-edge-litert 2.3.0 BUILTIN_REF on a model with power-of-two
  /// scales, where the fixed-point MultiplyByQuantizedMultiplier (either rounding) gives −1 for −3 × ½.
  @Test func requantizeRoundsTheDoubleProductHalfAwayFromZero() {
    func requantize(_ acc: Int32, _ scale: Double, zero: Int32 = 0) -> Int32 {
      FullyConnectedLayer.requantize(acc, effectiveScale: scale, zeroPoint: zero, lower: -128, upper: 127)
    }
    #expect(requantize(-3, 0.5) == -2)
    #expect(requantize(3, 0.5) == 2)
    #expect(requantize(-1, 0.5) == -1)
    #expect(requantize(1_000, 0.0123, zero: -7) == 5)
    #expect(requantize(100_000, 0.5, zero: 3) == 127)
    #expect(requantize(Int32.min, 0.9, zero: 3) == -128)
  }

  @Test func effectiveScaleMultipliesInDoubleBeforeDividing() {
    let (input, weight, output): (Float, Float, Float) = (0.023_008_72, 0.001_684_94, 0.060_651_98)
    let scale = FullyConnectedLayer.effectiveScale(input: input, weight: weight, output: output)
    #expect(scale == Double(input) * Double(weight) / Double(output))
    #expect(scale != Double(input * weight / output))
  }

  @Test func activationClampsFollowTheOutputQuantization() {
    let relu = FullyConnectedLayer.clamp(.relu, output: Int8Quantization(scale: 0.05, zeroPoint: 10))
    #expect(relu == (10, 127))
    let relu6 = FullyConnectedLayer.clamp(.relu6, output: Int8Quantization(scale: 0.05, zeroPoint: -128))
    #expect(relu6 == (-128, -8))
    let unit = FullyConnectedLayer.clamp(
      .reluMinusOneToOne, output: Int8Quantization(scale: 0.01, zeroPoint: 0))
    #expect(unit == (-100, 100))
    let tiny = FullyConnectedLayer.clamp(.relu6, output: Int8Quantization(scale: 1e-30, zeroPoint: 0))
    #expect(tiny == (0, 127))
    #expect(FullyConnectedLayer.clamp(.none, output: Int8Quantization(scale: 1, zeroPoint: 0)) == (-128, 127))
  }
}
