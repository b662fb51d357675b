import EdgeCore
import Foundation
import Testing

@testable import Learning

@Suite struct TFLiteWriterTests {
  /// The lesson's edge autoencoder: 300-16-8-16-300.
  static let edgeSizes = [300, 16, 8, 16, 300]

  private func edgeModel(_ granularity: WeightGranularity, seed: UInt64 = 1) throws -> (
    float: [FloatDenseLayer], quantized: QuantizedModel, calibration: CalibrationSet
  ) {
    let layers = QuantizerFixtures.network(Self.edgeSizes, seed: seed)
    let calibration = try QuantizerFixtures.calibration(rows: 200, width: 300, seed: seed + 100)
    let quantized = try Quantizer(options: QuantizationOptions(weights: granularity)).quantize(
      layers, calibration: calibration)
    return (layers, quantized, calibration)
  }

  @Test func fileIsASchemaV3ModelOfInt8FullyConnectedOperators() throws {
    let (_, model, _) = try edgeModel(.perChannel)
    let bytes = try TFLiteWriter.encode(model, metadata: QuantizerFixtures.metadata())
    let file = TestFlatBuffer(bytes: bytes)
    #expect(Array(bytes[4..<8]) == Array("TFL3".utf8))
    let root = file.root
    #expect(root.field(0).map(file.u32) == 3)
    #expect(root.string(3) == "EdgeHybrid")
    let codes = root.tables(1)
    #expect(codes.count == 1)
    #expect(codes[0].field(0).map(file.u8) == 9, "deprecated_builtin_code FULLY_CONNECTED")
    #expect(codes[0].field(3).map(file.u32) == 9, "builtin_code FULLY_CONNECTED")
    #expect(codes[0].field(2).map(file.u32) == 4, "op version 4: int8 in, weights and out, with bias")

    let subgraphs = root.tables(2)
    #expect(subgraphs.count == 1)
    let graph = subgraphs[0]
    let tensors = graph.tables(0)
    #expect(tensors.count == 1 + 3 * 4)
    #expect(graph.int32s(1) == [0] && graph.int32s(2) == [12])
    #expect(tensors[0].int32s(0) == [1, 300] && tensors[0].field(1).map(file.u8) == 9)
    #expect(tensors[1].int32s(0) == [16, 300] && tensors[1].field(1).map(file.u8) == 9)
    #expect(tensors[2].int32s(0) == [16] && tensors[2].field(1).map(file.u8) == 2)
    #expect(tensors[12].int32s(0) == [1, 300] && tensors[12].string(3) == "output")

    let operators = graph.tables(3)
    #expect(operators.map { $0.int32s(1) } == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]])
    #expect(operators.map { $0.int32s(2) } == [[3], [6], [9], [12]])
    #expect(
      operators.allSatisfy { $0.field(3).map(file.u8) == 8 }, "builtin options are FullyConnectedOptions")
    let activations = operators.map { $0.table(4)?.field(0).map(file.u8) ?? 0 }
    #expect(activations == [1, 1, 1, 0], "ReLU fused into the hidden layers, none on the reconstruction")
  }

  @Test func quantizationParametersAreWrittenPerChannelOrPerTensor() throws {
    for granularity in [WeightGranularity.perChannel, .perTensor] {
      let (_, model, _) = try edgeModel(granularity)
      let file = TestFlatBuffer(bytes: try TFLiteWriter.encode(model, metadata: QuantizerFixtures.metadata()))
      let tensors = file.root.tables(2)[0].tables(0)
      let input = try #require(tensors[0].table(4))
      #expect(input.floats(2) == [model.input.scale] && input.int64s(3) == [Int64(model.input.zeroPoint)])
      for (index, layer) in model.layers.enumerated() {
        let weights = try #require(tensors[1 + 3 * index].table(4))
        let bias = try #require(tensors[2 + 3 * index].table(4))
        let output = try #require(tensors[3 + 3 * index].table(4))
        #expect(weights.floats(2) == layer.weightScales && bias.floats(2) == layer.biasScales)
        let channels = granularity == .perChannel ? layer.outputSize : 1
        #expect(weights.int64s(3) == [Int64](repeating: 0, count: channels))
        #expect(bias.int64s(3) == [Int64](repeating: 0, count: channels))
        #expect(weights.field(6) == nil, "quantized_dimension 0 (the default, left out)")
        #expect(
          output.floats(2) == [layer.output.scale] && output.int64s(3) == [Int64(layer.output.zeroPoint)])
        let buffers = file.root.tables(4)
        let weightBuffer = Int(try #require(tensors[1 + 3 * index].field(2).map(file.u32)))
        #expect(buffers[weightBuffer].bytes(0) == layer.weights.map { UInt8(bitPattern: $0) })
      }
    }
  }

  @Test func constantBuffersAreSixteenByteAlignedAndBufferZeroIsEmpty() throws {
    let (_, model, _) = try edgeModel(.perChannel)
    let bytes = try TFLiteWriter.encode(model, metadata: QuantizerFixtures.metadata())
    let file = TestFlatBuffer(bytes: bytes)
    let buffers = file.root.tables(4)
    #expect(buffers[0].field(0) == nil)
    #expect(buffers.count == 1 + 2 * 4 + 2)
    for buffer in buffers.dropFirst() {
      let data = try #require(buffer.vector(0))
      #expect(data.data % 16 == 0)
    }
    #expect(bytes.count % 16 == 0)
  }

  @Test func metadataCarriesTheMinimumRuntimeVersionAndTheEdgeHybridEntry() throws {
    let (_, model, _) = try edgeModel(.perTensor)
    let metadata = try QuantizerFixtures.metadata()
    let file = TestFlatBuffer(bytes: try TFLiteWriter.encode(model, metadata: metadata))
    let entries = file.root.tables(6)
    let buffers = file.root.tables(4)
    #expect(entries.map { $0.string(0) } == ["min_runtime_version", "edgehybrid"])
    let runtime = buffers[Int(try #require(entries[0].field(1).map(file.u32)))].bytes(0)
    #expect(runtime == Array("1.14.0".utf8) + [UInt8](repeating: 0, count: 10))
    let ours = buffers[Int(try #require(entries[1].field(1).map(file.u32)))].bytes(0)
    #expect(try ModelMetadata(decoding: ours) == metadata)
  }

  @Test func edgePresetFileWithPerTensorWeightsFitsTheSixteenKilobyteBudget() throws {
    var sizes: [WeightGranularity: Int] = [:]
    for granularity in [WeightGranularity.perTensor, .perChannel] {
      let (_, model, _) = try edgeModel(granularity)
      sizes[granularity] = try TFLiteWriter.encode(model, metadata: QuantizerFixtures.metadata()).count
    }
    #expect(try #require(sizes[.perTensor]) <= 16 * 1024)
    print(
      "edge preset .tflite: per-tensor \(sizes[.perTensor]!) bytes, per-channel \(sizes[.perChannel]!) bytes")
  }

  @Test func emptyModelsAndMetadataOfAnotherFeatureCountAreRefused() throws {
    let (_, model, _) = try edgeModel(.perTensor)
    let spectral = try QuantizerFixtures.metadata(layout: SignalLayout(samplesPerWindow: 64, axes: 3))
    #expect(
      throws: TFLiteWriterError.featureCountMismatch(modelInput: 300, modelOutput: 300, metadataFeatures: 192)
    ) {
      try TFLiteWriter.encode(model, metadata: spectral)
    }
    #expect(throws: TFLiteWriterError.emptyModel) {
      try TFLiteWriter.encode(QuantizedModel(input: model.input, layers: []), metadata: spectral)
    }
  }

  @Test(.enabled(if: LiteRTInt8Runner.enabled), arguments: [WeightGranularity.perChannel, .perTensor])
  func liteRTLoadsTheFileAndItsOutputsTrackTheFloatModel(granularity: WeightGranularity) throws {
    // The calibration windows themselves: inside the calibrated ranges, so no clipping blurs the comparison.
    let (float, model, windows) = try edgeModel(granularity)
    let inputs = windows.values.map(model.input.quantize)
    let result = try LiteRTInt8Runner.run(
      model: TFLiteWriter.encode(model, metadata: QuantizerFixtures.metadata()), inputs: inputs)

    let input = try #require(result.report["input"] as? [String: Any])
    let output = try #require(result.report["output"] as? [String: Any])
    #expect(input["dtype"] as? String == "int8" && output["dtype"] as? String == "int8")
    #expect((input["scales"] as? [Double])?.map(Float.init) == [model.input.scale])
    #expect((output["zero_points"] as? [Int]) == [Int(model.output.zeroPoint)])
    let tensors = try #require(result.report["tensors"] as? [[String: Any]])
    let weights = try #require(tensors.first { $0["name"] as? String == "dense_0/weights" })
    #expect((weights["scales"] as? [Double])?.count == model.layers[0].weightScales.count)
    #expect(result.outputs.count == windows.values.count)

    // Compare LiteRT's dequantized reconstruction with the float network on the same (quantized) input.
    let step = model.output.scale
    var squaredError: Double = 0
    var floatScores: [Float] = []
    var int8Scores: [Float] = []
    for row in 0..<windows.rowCount {
      let seen = inputs[(row * 300)..<((row + 1) * 300)].map(model.input.dequantize)
      let reference = float.forward(seen[...])
      let reconstruction = result.outputs[(row * 300)..<((row + 1) * 300)].map(model.output.dequantize)
      for (a, b) in zip(reference, reconstruction) { squaredError += Double((a - b) * (a - b)) }
      floatScores.append(zip(seen, reference).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 300)
      int8Scores.append(zip(seen, reconstruction).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 300)
    }
    let rmsSteps = (squaredError / Double(windows.values.count)).squareRoot() / Double(step)
    // A wrong scale, zero point or layout anywhere would put the output many steps off.
    #expect(rmsSteps < 1, "RMS error \(rmsSteps) output steps")
    let correlation = Self.correlation(floatScores, int8Scores)
    #expect(correlation > 0.99, "window MSEs of the int8 and float models correlate at \(correlation)")
    print(
      "LiteRT \(granularity): RMS error \(rmsSteps) output steps (step \(step)); window-MSE correlation \(correlation)"
    )
  }

  /// Pearson correlation of two equally long series.
  static func correlation(_ a: [Float], _ b: [Float]) -> Double {
    let (x, y) = (a.map(Double.init), b.map(Double.init))
    let (mx, my) = (x.reduce(0, +) / Double(x.count), y.reduce(0, +) / Double(y.count))
    let covariance = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let varianceX = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let varianceY = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
    return covariance / (varianceX * varianceY).squareRoot()
  }
}
