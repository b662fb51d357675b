import EdgeCore
import Testing

@Suite struct InferenceEngineTests {
  static let kernels: [InferenceEngine.Kernel] = [.reference, .simd]

  @Test(arguments: ConverterFixture.int8, kernels)
  func int8FixturesGiveLiteRTReferenceOutputs(_ fixture: ConverterFixture, _ kernel: InferenceEngine.Kernel)
    throws
  {
    var engine = try InferenceEngine(bytes: fixture.model, kernel: kernel)
    let inputs = fixture.input.int8
    let expected = fixture.expected.int8
    let (width, outputWidth) = (engine.inputCount, engine.outputCount)
    let rows = inputs.count / width
    #expect(rows * outputWidth == expected.count)
    var output = [Int8](repeating: 0, count: outputWidth)
    var differing = 0
    for row in 0..<rows {
      inputs[row * width..<(row + 1) * width].withUnsafeBufferPointer { input in
        output.withUnsafeMutableBufferPointer { engine.invoke(input, into: $0) }
      }
      differing += zip(output, expected[(row * outputWidth)...]).filter { $0 != $1 }.count
    }
    #expect(differing == 0)
  }

  @Test(arguments: kernels)
  func floatFixtureGivesLiteRTReferenceOutputsBitForBit(_ kernel: InferenceEngine.Kernel) throws {
    let fixture = ConverterFixture.float
    var engine = try InferenceEngine(bytes: fixture.model, kernel: kernel)
    let inputs = fixture.input.floats
    let expected = fixture.expected.floats
    let (width, outputWidth) = (engine.inputCount, engine.outputCount)
    var output = [Float](repeating: 0, count: outputWidth)
    var differing = 0
    for row in 0..<inputs.count / width {
      inputs[row * width..<(row + 1) * width].withUnsafeBufferPointer { input in
        output.withUnsafeMutableBufferPointer { engine.invoke(float: input, into: $0) }
      }
      differing +=
        zip(output, expected[(row * outputWidth)...]).filter { $0.bitPattern != $1.bitPattern }.count
    }
    #expect(differing == 0)
  }

  @Test func simdAndReferenceKernelsAgreeOnRandomLayers() {
    var random = SplitMix64(seed: 7)
    for _ in 0..<300 {
      let layers = RandomLayers.chain(using: &random)
      let input = RandomLayers.quantization(using: &random)
      let output = RandomLayers.quantization(using: &random)
      var reference = InferenceEngine(layers: layers, input: input, output: output, kernel: .reference)
      var simd = InferenceEngine(layers: layers, input: input, output: output, kernel: .simd)
      for _ in 0..<4 {
        let window = (0..<reference.inputCount).map { _ in Int8.random(in: .min ... .max, using: &random) }
        #expect(run(&reference, window) == run(&simd, window))
        let values = (0..<reference.inputCount).map { _ in
          Float.random(in: -300...300, using: &random) * input.scale
        }
        #expect(
          run(&reference, float: values).map(\.bitPattern) == run(&simd, float: values).map(\.bitPattern))
        if reference.inputCount == reference.outputCount {
          let errors = values.withUnsafeBufferPointer {
            (reference.reconstructionError($0), simd.reconstructionError($0))
          }
          #expect(errors.0.bitPattern == errors.1.bitPattern)
        }
      }
    }
  }

  @Test(arguments: kernels)
  func halfwayProductsRoundAwayFromZero(_ kernel: InferenceEngine.Kernel) {
    let layer = FullyConnectedLayer(
      inputCount: 1, outputCount: 1, weights: [1], bias: [0], inputZeroPoint: 0, weightZeroPoint: 0,
      outputZeroPoint: 0,
      effectiveScales: [0.5], outputMin: -128, outputMax: 127)
    let unit = Int8Quantization(scale: 1, zeroPoint: 0)
    var engine = InferenceEngine(layers: [layer], input: unit, output: unit, kernel: kernel)
    let halves: [(Int8, Int8)] = [(3, 2), (-3, -2), (1, 1), (-1, -1), (5, 3), (-5, -3), (4, 2), (0, 0)]
    for (input, expected) in halves { #expect(run(&engine, [input]) == [expected]) }
  }

  @Test(arguments: kernels)
  func accumulatorsWrapAroundLikeTheReferenceKernel(_ kernel: InferenceEngine.Kernel) {
    let layer = FullyConnectedLayer(
      inputCount: 1, outputCount: 1, weights: [127], bias: [Int32.max - 100], inputZeroPoint: 0,
      weightZeroPoint: 0,
      outputZeroPoint: 0, effectiveScales: [0x1p-24], outputMin: -128, outputMax: 127)
    let unit = Int8Quantization(scale: 1, zeroPoint: 0)
    var engine = InferenceEngine(layers: [layer], input: unit, output: unit, kernel: kernel)
    #expect(run(&engine, [127]) == [-128])
  }

  @Test(arguments: kernels)
  func floatInvokeQuantizesRunsAndDequantizes(_ kernel: InferenceEngine.Kernel) throws {
    var engine = try InferenceEngine(bytes: ConverterFixture.int8[0].model, kernel: kernel)
    var random = SplitMix64(seed: 3)
    let values = (0..<engine.inputCount).map { _ in Float.random(in: -3...3, using: &random) }
    let codes = run(&engine, values.map { engine.inputQuantization.quantize($0) })
    #expect(run(&engine, float: values) == codes.map { engine.outputQuantization.dequantize($0) })
  }

  @Test(arguments: kernels)
  func reconstructionErrorIsTheMeanSquaredDifference(_ kernel: InferenceEngine.Kernel) throws {
    var engine = try InferenceEngine(bytes: ConverterFixture.int8[1].model, kernel: kernel)
    let values = Array(ConverterFixture.float.input.floats.prefix(engine.inputCount))
    let reconstruction = run(&engine, float: values)
    let expected = zip(values, reconstruction).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +) / 300
    let error = values.withUnsafeBufferPointer { engine.reconstructionError($0) }
    #expect(abs(Double(error) - expected) <= 1e-5 * expected)
  }

  @Test func arenaHoldsTwoActivationBuffersSizedAtLoad() throws {
    let bytes = ConverterFixture.int8[0].model
    let reference = try InferenceEngine(bytes: bytes, kernel: .reference)
    let simd = try InferenceEngine(bytes: bytes, kernel: .simd)
    #expect((reference.inputCount, reference.outputCount) == (300, 300))
    // Reference: two int8 buffers of the widest layer, 16-byte aligned, then the int8 output.
    #expect(reference.arenaBytes == 608 + 300)
    // SIMD: two int16 buffers of the widest padded layer (300 outputs → 19 groups of 16); the
    // output codes stay in one of them.
    #expect(simd.arenaBytes == 2 * 2 * 304)
    #expect(reference.parameterBytes > 9_856 && simd.parameterBytes > reference.parameterBytes)
  }

  func run(_ engine: inout InferenceEngine, _ input: [Int8]) -> [Int8] {
    var output = [Int8](repeating: 0, count: engine.outputCount)
    input.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { engine.invoke(input, into: $0) }
    }
    return output
  }

  func run(_ engine: inout InferenceEngine, float input: [Float]) -> [Float] {
    var output = [Float](repeating: 0, count: engine.outputCount)
    input.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { engine.invoke(float: input, into: $0) }
    }
    return output
  }
}

/// Random layers that reach every corner of the kernels: odd widths, per-tensor (with a weight
/// zero point) and per-channel weights, extreme biases, power-of-two scales (many exact ties),
/// scales of 0.5 and more (the exact requantization path) and narrow output clamps.
enum RandomLayers {
  static func chain(using random: inout SplitMix64) -> [FullyConnectedLayer] {
    let autoencoder = Bool.random(using: &random)
    var widths = (0...Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 1...45, using: &random)
    }
    if autoencoder { widths[widths.count - 1] = widths[0] }
    return (1..<widths.count).map { layer(inputs: widths[$0 - 1], outputs: widths[$0], using: &random) }
  }

  static func layer(inputs: Int, outputs: Int, using random: inout SplitMix64) -> FullyConnectedLayer {
    let perChannel = Bool.random(using: &random)
    let shared = scale(using: &random)
    let low = Int32.random(in: -128...100, using: &random)
    let clamp = Bool.random(using: &random) ? (low, Int32.random(in: low...127, using: &random)) : (-128, 127)
    return FullyConnectedLayer(
      inputCount: inputs, outputCount: outputs,
      weights: (0..<inputs * outputs).map { _ in Int8.random(in: .min ... .max, using: &random) },
      bias: (0..<outputs).map { _ in
        Int.random(in: 0..<10, using: &random) == 0
          ? Int32.random(in: .min ... .max, using: &random)
          : Int32.random(in: -40_000...40_000, using: &random)
      },
      inputZeroPoint: Int32.random(in: -128...127, using: &random),
      weightZeroPoint: perChannel ? 0 : Int32.random(in: -20...20, using: &random),
      outputZeroPoint: Int32.random(in: -128...127, using: &random),
      effectiveScales: (0..<outputs).map { _ in perChannel ? scale(using: &random) : shared },
      outputMin: clamp.0, outputMax: clamp.1)
  }

  static func scale(using random: inout SplitMix64) -> Double {
    switch Int.random(in: 0..<4, using: &random) {
    case 0: Double(sign: .plus, exponent: -Int.random(in: 1...14, using: &random), significand: 1)
    case 1: Double.random(in: 0.5...3, using: &random)
    default: Double(Float.random(in: 1e-5...2e-2, using: &random))
    }
  }

  static func quantization(using random: inout SplitMix64) -> Int8Quantization {
    Int8Quantization(
      scale: Float.random(in: 0.001...0.1, using: &random),
      zeroPoint: Int32.random(in: -128...127, using: &random))
  }
}
