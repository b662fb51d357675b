import EdgeCore
import Testing

@testable import Learning

@Suite struct Int8QuantizationCalibrationTests {
  @Test func zeroPointIsSolvedFromTheMoreAccurateEndAndRoundedToAnInteger() throws {
    // [-1, 3]: scale 4/255; from min −128 + 63.75 = −64.25 (error 191.75) beats from max (error 318.25).
    let parameters = try Int8Quantization(min: -1, max: 3)
    #expect(parameters.scale == Float(4.0 / 255.0))
    #expect(parameters.zeroPoint == -64)
    #expect(parameters.quantize(0) == -64 && parameters.dequantize(-64) == 0)
  }

  @Test func rangesAreWidenedToIncludeZero() throws {
    let positive = try Int8Quantization(min: 0.5, max: 2)
    #expect(positive.zeroPoint == -128 && positive.scale == Float(2.0 / 255.0))
    let negative = try Int8Quantization(min: -3, max: -1)
    #expect(negative.zeroPoint == 127 && negative.scale == Float(3.0 / 255.0))
  }

  @Test func anEmptyRangeGetsScaleOneAndZeroPointZero() throws {
    #expect(try Int8Quantization(min: 0, max: 0) == Int8Quantization(scale: 1, zeroPoint: 0))
  }

  @Test func rangeEndsLandOnTheExtremeCodesWithinOneStep() throws {
    var random = SplitMix64(seed: 11)
    for _ in 0..<200 {
      let low = -Float.random(in: 0.001..<10, using: &random)
      let high = Float.random(in: 0.001..<10, using: &random)
      let parameters = try Int8Quantization(min: low, max: high)
      #expect((-128...127).contains(parameters.zeroPoint))
      #expect(abs(parameters.dequantize(-128) - low) <= parameters.scale * 0.5001)
      #expect(abs(parameters.dequantize(127) - high) <= parameters.scale * 0.5001)
      #expect(parameters.dequantize(parameters.quantize(0)) == 0)
    }
  }

  @Test func rangesWithoutAUsableScaleAreRefused() {
    let ranges: [(Float, Float)] = [
      (-.infinity, 1), (-.greatestFiniteMagnitude, 0), (0, .leastNonzeroMagnitude * 7),
    ]
    for (low, high) in ranges {
      #expect(throws: QuantizationError.unrepresentableRange(min: low, max: high)) {
        try Int8Quantization(min: low, max: high)
      }
    }
    #expect(throws: QuantizationError.self) { try Int8Quantization(min: 0, max: .nan) }
  }

  @Test func quantizeRoundsHalfAwayFromZeroAndClamps() {
    let parameters = Int8Quantization(scale: 0.5, zeroPoint: 10)
    #expect(parameters.quantize(0.25) == 11)
    #expect(parameters.quantize(-0.25) == 9)
    #expect(parameters.quantize(1000) == 127)
    #expect(parameters.quantize(-1000) == -128)
    #expect(parameters.quantize(.nan) == -128)
  }
}

@Suite struct QuantizerTests {
  private let layers = [
    FloatDenseLayer(
      weights: [0.5, -1.27, 0.1, 0.021, -0.04, 0.01], bias: [0.3, -0.2], inputSize: 3, outputSize: 2,
      relu: true),
    FloatDenseLayer(weights: [2, -1, 0, 0], bias: [-0.5, 0.25], inputSize: 2, outputSize: 2, relu: false),
  ]
  private func calibration() throws -> CalibrationSet {
    try CalibrationSet(values: [1, -2, 0.5, -1, 1, 2, 0, 0.5, -0.5, 0.3, 0.2, 0.1], width: 3)
  }

  @Test func perChannelWeightScalesAreEachRowsLargestMagnitudeOver127() throws {
    let model = try Quantizer().quantize(layers, calibration: calibration())
    let first = model.layers[0]
    #expect(first.weightScales == [Float(1.27 / 127), Float(0.04 / 127)])
    #expect(first.weights == [50, -127, 10, 67, -127, 32])
    #expect(model.layers[1].weightScales == [Float(2.0 / 127), 1], "an all-zero row gets scale 1")
    #expect(model.layers[1].weights == [127, -64, 0, 0])
  }

  @Test func perTensorWeightsShareTheMatrixsLargestMagnitude() throws {
    let model = try Quantizer(options: QuantizationOptions(weights: .perTensor)).quantize(
      layers, calibration: calibration())
    #expect(model.layers[0].weightScales == [Float(1.27 / 127)])
    #expect(model.layers[0].weights == [50, -127, 10, 2, -4, 1])
    #expect(model.layers.allSatisfy { $0.granularity == .perTensor && $0.biasScales.count == 1 })
  }

  @Test func biasesAreInt32AtInputScaleTimesWeightScale() throws {
    let model = try Quantizer().quantize(layers, calibration: calibration())
    for (index, layer) in model.layers.enumerated() {
      let inputScale = index == 0 ? model.input.scale : model.layers[index - 1].output.scale
      #expect(layer.biasScales == layer.weightScales.map { Float(Double(inputScale) * Double($0)) })
      for row in 0..<layer.outputSize {
        let expected = (Double(layers[index].bias[row]) / Double(layer.biasScales[row])).rounded()
        #expect(Double(layer.bias[row]) == expected)
      }
    }
  }

  @Test func activationRangesComeFromTheCalibrationPassAndReLUOutputsStartAtZero() throws {
    let set = try calibration()
    let model = try Quantizer().quantize(layers, calibration: set)
    #expect(try model.input == Int8Quantization(min: -2, max: 2))
    var hidden: [Float] = []
    var outputs: [Float] = []
    for row in 0..<set.rowCount {
      let first = layers[0].forward(set.row(row))
      hidden += first
      outputs += layers[1].forward(first[...])
    }
    #expect(try model.layers[0].output == Int8Quantization(min: 0, max: hidden.max()!))
    #expect(model.layers[0].output.zeroPoint == -128)
    #expect(try model.layers[1].output == Int8Quantization(min: outputs.min()!, max: outputs.max()!))
  }

  @Test func percentileCalibrationClipsOutliersThatMinMaxKeeps() throws {
    var values = (0...999).map { Float($0 % 100) / 100 - 0.5 }
    values[500] = 40
    let set = try CalibrationSet(values: values, width: 1)
    let identity = [FloatDenseLayer(weights: [1], bias: [0], inputSize: 1, outputSize: 1, relu: false)]
    let minMax = try Quantizer().quantize(identity, calibration: set)
    let clipped = try Quantizer(options: QuantizationOptions(calibration: .percentile(99))).quantize(
      identity, calibration: set)
    #expect(try minMax.input == Int8Quantization(min: -0.5, max: 40))
    #expect(clipped.input.scale < minMax.input.scale / 20)
  }

  @Test func quantilesInterpolateBetweenNeighbouringRanks() {
    let sorted = (0...100).map(Float.init)
    #expect(RangeObserver.quantile(sorted, 0.99) == 99)
    #expect(RangeObserver.quantile(sorted, 0.995) == 99.5)
    #expect(RangeObserver.quantile([3], 0.5) == 3)
  }

  @Test func malformedNetworksAndCalibrationSetsAreRefusedWithTypedErrors() throws {
    let set = try calibration()
    #expect(throws: QuantizationError.noLayers) { try Quantizer().quantize([], calibration: set) }
    var short = layers
    short[0].bias = [0.3]
    #expect(throws: QuantizationError.layerShape(layer: 0, weights: 6, bias: 1, inputSize: 3, outputSize: 2))
    {
      try Quantizer().quantize(short, calibration: set)
    }
    #expect(throws: QuantizationError.layerChain(layer: 1, inputSize: 3, expected: 2)) {
      try Quantizer().quantize([layers[0], layers[0]], calibration: set)
    }
    var poisoned = layers
    poisoned[1].weights[3] = .nan
    #expect(throws: QuantizationError.nonFinite(what: "layer 1 weight [1, 1]")) {
      try Quantizer().quantize(poisoned, calibration: set)
    }
    #expect(throws: QuantizationError.invalidPercentile(30)) {
      try Quantizer(options: QuantizationOptions(calibration: .percentile(30))).quantize(
        layers, calibration: set)
    }
    #expect(throws: QuantizationError.raggedCalibration(valueCount: 4, width: 3)) {
      try CalibrationSet(values: [1, 2, 3, 4], width: 3)
    }
    #expect(throws: QuantizationError.emptyCalibration) { try CalibrationSet(values: [], width: 3) }
    #expect(throws: QuantizationError.nonFinite(what: "calibration row 1, feature 0")) {
      try CalibrationSet(values: [1, 2, 3, .infinity, 0, 0], width: 3)
    }
  }

  @Test func errorMessagesSayWhatToFix() {
    let message = QuantizationError.layerChain(layer: 2, inputSize: 8, expected: 16).description
    #expect(message.contains("layer 2") && message.contains("8") && message.contains("16"))
  }
}
