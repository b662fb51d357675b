import EdgeCore
import Testing

@Suite struct TFLiteModelTests {
  @Test(arguments: ConverterFixture.all)
  func readerSeesWhatTheConverterWrote(_ fixture: ConverterFixture) throws {
    let model = try TFLiteModel(bytes: fixture.model)
    let manifest = fixture.manifest
    #expect(model.schemaVersion == 3)
    #expect([model.inputTensor] == manifest.inputs && [model.outputTensor] == manifest.outputs)
    try #require(model.tensors.count == manifest.tensors.count)
    for (tensor, written) in zip(model.tensors, manifest.tensors) {
      #expect(String(decoding: tensor.name, as: UTF8.self) == written.name)
      #expect(tensor.type.rawValue == written.type)
      #expect(tensor.shape == written.shape)
      #expect(tensor.data.count == written.dataBytes)
      #expect(tensor.quantization?.scales ?? [] == written.scales.map { Float($0) })
      #expect(tensor.quantization?.zeroPoints ?? [] == written.zeroPoints)
      #expect((tensor.quantization?.quantizedDimension ?? 0) == written.quantizedDimension)
    }
    try #require(model.operators.count == manifest.operators.count)
    for (op, written) in zip(model.operators, manifest.operators) {
      #expect(op.inputs == written.inputs && op.outputs == written.outputs)
      switch op.kind {
      case .fullyConnected(let activation):
        #expect(written.builtin == 9 && activation.rawValue == written.activation)
      case .quantize: #expect(written.builtin == 114)
      case .dequantize: #expect(written.builtin == 6)
      case .reshape: #expect(written.builtin == 22)
      }
    }
    #expect(model.metadata.count == manifest.metadata.count)
    for entry in model.metadata {
      #expect(manifest.metadata[String(decoding: entry.name, as: UTF8.self)] == entry.data.count)
    }
  }

  @Test func metadataIsFoundByName() throws {
    let model = try TFLiteModel(bytes: ConverterFixture.int8[0].model)
    let version = try #require(model.metadata(named: "min_runtime_version"))
    #expect(String(decoding: version.prefix { $0 != 0 }, as: UTF8.self) == "1.14.0")
    #expect(model.metadata(named: "edgehybrid") == nil)
  }

  @Test func perChannelFixtureHasOneScalePerOutputChannel() throws {
    let model = try TFLiteModel(bytes: ConverterFixture.int8[0].model)
    for op in model.operators {
      let weights = model.tensors[op.inputs[1]]
      #expect(weights.quantization?.scales.count == weights.shape[0])
      #expect(weights.quantization?.zeroPoints.allSatisfy { $0 == 0 } == true)
    }
  }

  @Test func copyingInitializerReadsTheCallersBuffer() throws {
    let bytes = ConverterFixture.int8[1].model
    let model = try bytes.withUnsafeBytes { buffer throws(TFLiteError) in try TFLiteModel(copying: buffer) }
    #expect(model.operators.count == 4)
  }
}
