import Testing

@testable import EdgeCore

/// Each test breaks one thing in a converter-made model and expects the reader to name it.
@Suite struct TFLiteModelRefusalTests {
  /// The per-channel model: tensors 0 (input), 1…8 (bias/weights of the four layers, last first),
  /// 9…11 (hidden activations), 12 (output); operators 0…3 chain 0 → 9 → 10 → 11 → 12.
  let bytes = ConverterFixture.int8[0].model
  let layout: Layout

  init() throws {
    layout = try Layout(bytes)
  }

  /// Positions of fields in a model, found with the reader's own flatbuffer primitives.
  struct Layout {
    let root: FlatBufferTable
    let subgraph: FlatBufferTable

    init(_ bytes: [UInt8]) throws {
      root = try FlatBuffer(bytes: bytes).root()
      subgraph = try #require(try root.vector(TFLiteSchema.Model.subgraphs, elementSize: 4, .subgraphs))
        .table(0)
    }

    /// Where field `slot` of `table` starts.
    func field(_ table: FlatBufferTable, _ slot: Int, size: Int = 4) throws -> Int {
      try #require(try table.fieldPosition(slot, size: size, .model))
    }

    /// Where element `index` of the vector in field `slot` starts (`index` −1: the count word).
    func element(_ table: FlatBufferTable, _ slot: Int, _ index: Int, size: Int = 4) throws -> Int {
      let vector = try #require(try table.vector(slot, elementSize: size, .model))
      return vector.start + index * size
    }

    func tensor(_ index: Int) throws -> FlatBufferTable {
      try #require(try subgraph.vector(TFLiteSchema.SubGraph.tensors, elementSize: 4, .tensors)).table(index)
    }

    func op(_ index: Int) throws -> FlatBufferTable {
      try #require(try subgraph.vector(TFLiteSchema.SubGraph.operators, elementSize: 4, .operators)).table(
        index)
    }

    func quantization(ofTensor index: Int) throws -> FlatBufferTable {
      try #require(try tensor(index).table(TFLiteSchema.Tensor.quantization, .quantization))
    }
  }

  func expect(
    _ broken: [UInt8], throws expected: TFLiteError, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(throws: expected, sourceLocation: sourceLocation) { try TFLiteModel(bytes: broken) }
  }

  @Test func refusesBuffersShorterThanAHeader() {
    expect(Array(bytes.prefix(7)), throws: .truncated(byteCount: 7))
  }

  @Test func refusesBuffersWithoutTheTFL3Identifier() {
    expect(bytes.patching(UInt8(ascii: "X"), at: 4), throws: .notTFLite)
  }

  @Test func refusesARootOffsetPastTheEnd() {
    expect(bytes.patching(UInt32(0xFFFF_FFF0), at: 0), throws: .outOfBounds(field: .model, offset: 0))
  }

  @Test func refusesAVTableOutsideTheBuffer() throws {
    let tensor = try layout.tensor(3).position
    expect(bytes.patching(Int32.min, at: tensor), throws: .badVTable(field: .tensors, offset: tensor))
  }

  @Test func refusesAVectorLongerThanTheBuffer() throws {
    let count = try layout.element(layout.tensor(8), TFLiteSchema.Tensor.shape, -1)
    expect(
      bytes.patching(UInt32(0x4000_0000), at: count), throws: .outOfBounds(field: .tensorShape, offset: count)
    )
  }

  @Test func refusesOtherSchemaVersions() throws {
    expect(
      bytes.patching(UInt32(4), at: try layout.field(layout.root, TFLiteSchema.Model.version)),
      throws: .unsupportedSchemaVersion(4))
  }

  @Test func refusesMoreThanOneSubgraph() throws {
    let count = try layout.element(layout.root, TFLiteSchema.Model.subgraphs, -1)
    expect(bytes.patching(UInt32(2), at: count), throws: .subgraphCount(2))
  }

  @Test func refusesGraphsWithoutExactlyOneInput() throws {
    let count = try layout.element(layout.subgraph, TFLiteSchema.SubGraph.inputs, -1)
    expect(bytes.patching(UInt32(0), at: count), throws: .graphInputsOutputs(inputs: 0, outputs: 1))
  }

  @Test func refusesOperatorCodeIndicesOutOfRange() throws {
    let float = ConverterFixture.float.model
    let opcode = try Layout(float).field(Layout(float).op(1), TFLiteSchema.Operator.opcodeIndex)
    expect(
      float.patching(UInt32(7), at: opcode), throws: .opcodeIndex(operator: 1, opcode: 7, opcodeCount: 3))
  }

  @Test func refusesOperatorsEdgeCoreDoesNotRun() throws {
    let code = try #require(try layout.root.vector(TFLiteSchema.Model.operatorCodes, elementSize: 4, .model))
      .table(0)
    let deprecated = try layout.field(code, TFLiteSchema.OperatorCode.deprecatedBuiltinCode, size: 1)
    let builtin = try layout.field(code, TFLiteSchema.OperatorCode.builtinCode)
    let conv = bytes.patching(Int8(3), at: deprecated).patching(Int32(3), at: builtin)
    expect(conv, throws: .unsupportedOperator(operator: 0, builtinCode: 3))
    let custom = bytes.patching(Int8(32), at: deprecated).patching(Int32(32), at: builtin)
    expect(custom, throws: .customOperator(operator: 0))
  }

  @Test func refusesTensorIndicesOutOfRange() throws {
    let weights = try layout.element(layout.op(0), TFLiteSchema.Operator.inputs, 1)
    expect(bytes.patching(Int32(99), at: weights), throws: .tensorIndex(99, tensorCount: 13))
  }

  @Test func refusesNegativeDimensions() throws {
    let dimension = try layout.element(layout.tensor(8), TFLiteSchema.Tensor.shape, 0)
    expect(bytes.patching(Int32(-16), at: dimension), throws: .badShape(tensor: 8))
  }

  @Test func refusesConstantDataThatDoesNotMatchTheShape() throws {
    let dimension = try layout.element(layout.tensor(8), TFLiteSchema.Tensor.shape, 0)
    expect(
      bytes.patching(Int32(17), at: dimension), throws: .bufferSize(tensor: 8, expected: 5100, actual: 4800))
  }

  @Test func refusesUnsupportedTensorTypes() throws {
    let type = try layout.field(layout.tensor(0), TFLiteSchema.Tensor.type, size: 1)
    expect(bytes.patching(Int8(1), at: type), throws: .unsupportedTensorType(tensor: 0, type: 1))
  }

  @Test func refusesFusedActivationsItCannotApply() throws {
    let options = try #require(try layout.op(0).table(TFLiteSchema.Operator.builtinOptions, .operatorOptions))
    let activation = try layout.field(options, TFLiteSchema.FullyConnectedOptions.fusedActivation, size: 1)
    expect(bytes.patching(Int8(4), at: activation), throws: .unsupportedActivation(operator: 0, code: 4))
  }

  @Test func refusesScalesThatAreNotPositive() throws {
    let scale = try layout.element(layout.quantization(ofTensor: 0), TFLiteSchema.Quantization.scale, 0)
    expect(bytes.patching(Float(0).bitPattern, at: scale), throws: .badQuantization(tensor: 0, .scale))
    expect(bytes.patching(Float.nan.bitPattern, at: scale), throws: .badQuantization(tensor: 0, .scale))
  }

  @Test func refusesZeroPointsOutsideInt8() throws {
    let zero = try layout.element(
      layout.quantization(ofTensor: 0), TFLiteSchema.Quantization.zeroPoint, 0, size: 8)
    expect(bytes.patching(Int64(300), at: zero), throws: .badQuantization(tensor: 0, .zeroPoint))
  }

  @Test func refusesAsymmetricPerChannelWeights() throws {
    let zero = try layout.element(
      layout.quantization(ofTensor: 8), TFLiteSchema.Quantization.zeroPoint, 3, size: 8)
    expect(bytes.patching(Int64(1), at: zero), throws: .badQuantization(tensor: 8, .asymmetricWeights))
  }

  @Test func refusesABiasOfTheWrongType() throws {
    let bias = try layout.element(layout.op(0), TFLiteSchema.Operator.inputs, 2)
    expect(bytes.patching(Int32(6), at: bias), throws: .operandType(operator: 0, tensor: 6))
  }

  @Test func refusesActivationsWhereConstantWeightsBelong() throws {
    let weights = try layout.element(layout.op(0), TFLiteSchema.Operator.inputs, 1)
    expect(bytes.patching(Int32(9), at: weights), throws: .operandConstness(operator: 0, tensor: 9))
  }

  @Test func refusesWeightsThatDoNotFitTheInput() throws {
    let weights = try layout.element(layout.op(1), TFLiteSchema.Operator.inputs, 1)
    expect(bytes.patching(Int32(4), at: weights), throws: .shapeMismatch(operator: 1, tensor: 9))
  }

  @Test func refusesGraphsThatAreNotAChain() throws {
    let output = try layout.element(layout.subgraph, TFLiteSchema.SubGraph.outputs, 0)
    expect(bytes.patching(Int32(11), at: output), throws: .notAChain(operator: 3))
    let skipping = try layout.element(layout.op(3), TFLiteSchema.Operator.inputs, 0)
    expect(bytes.patching(Int32(9), at: skipping), throws: .notAChain(operator: 3))
  }

  @Test func refusesMetadataPointingPastTheBuffers() throws {
    let entry = try #require(try layout.root.vector(TFLiteSchema.Model.metadata, elementSize: 4, .model))
      .table(0)
    let buffer = try layout.field(entry, TFLiteSchema.Metadata.buffer)
    expect(
      bytes.patching(UInt32(999), at: buffer),
      throws: .metadataBufferIndex(entry: 0, buffer: 999, bufferCount: 16))
  }
}
