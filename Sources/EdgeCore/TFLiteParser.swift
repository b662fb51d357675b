/// Reads the structure of a TFLite flatbuffer into tensors, operators and metadata, checking
/// every offset, length, index, shape and buffer size on the way. Graph-level rules (the chain,
/// operand types, quantization) are checked afterwards by `TFLiteModel.validate`.
struct TFLiteParser {
  /// The checked view of the bytes.
  let buffer: FlatBuffer

  /// A parser over a whole `.tflite` file.
  init(bytes: [UInt8]) {
    buffer = FlatBuffer(bytes: bytes)
  }

  /// Everything the model holds, structurally checked.
  struct Contents {
    /// `Model.version`.
    var schemaVersion: UInt32
    /// The subgraph's tensors.
    var tensors: [TFLiteTensor]
    /// The subgraph's operators.
    var operators: [TFLiteOperator]
    /// The subgraph's single input tensor.
    var inputTensor: Int
    /// The subgraph's single output tensor.
    var outputTensor: Int
    /// `Model.metadata`.
    var metadata: [TFLiteMetadataEntry]
  }

  /// One operator code: the builtin it names, its version, whether it is custom.
  struct OperatorCode {
    /// `max(deprecated_builtin_code, builtin_code)`, as TFLite resolves it.
    var builtin: Int32
    /// The operator version.
    var version: Int32
    /// Whether the code names a custom operator.
    var isCustom: Bool
  }

  /// Parses the whole model.
  func parse() throws(TFLiteError) -> Contents {
    let bytes = buffer.bytes
    guard bytes.count >= 8 else { throw .truncated(byteCount: bytes.count) }
    guard bytes[4..<8].elementsEqual(TFLiteSchema.fileIdentifier) else { throw .notTFLite }
    let model = try buffer.root()
    let version = try model.uint32(TFLiteSchema.Model.version, .model)
    guard version == TFLiteSchema.version else { throw .unsupportedSchemaVersion(version) }

    let buffers = try parseBuffers(model)
    let codes = try parseOperatorCodes(model)
    guard let subgraphs = try model.vector(TFLiteSchema.Model.subgraphs, elementSize: 4, .subgraphs) else {
      throw .missingField(.subgraphs)
    }
    guard subgraphs.count == 1 else { throw .subgraphCount(subgraphs.count) }
    let subgraph = try subgraphs.table(0)
    let tensors = try parseTensors(subgraph, buffers: buffers)
    let inputs = try indices(subgraph, TFLiteSchema.SubGraph.inputs, .graphInputs, tensorCount: tensors.count)
    let outputs = try indices(
      subgraph, TFLiteSchema.SubGraph.outputs, .graphOutputs, tensorCount: tensors.count)
    guard inputs.count == 1, outputs.count == 1 else {
      throw .graphInputsOutputs(inputs: inputs.count, outputs: outputs.count)
    }
    return Contents(
      schemaVersion: version, tensors: tensors,
      operators: try parseOperators(subgraph, codes: codes, tensorCount: tensors.count),
      inputTensor: inputs[0], outputTensor: outputs[0], metadata: try parseMetadata(model, buffers: buffers))
  }

  /// The data range of every buffer.
  func parseBuffers(_ model: FlatBufferTable) throws(TFLiteError) -> [Range<Int>] {
    guard let vector = try model.vector(TFLiteSchema.Model.buffers, elementSize: 4, .buffers) else {
      return []
    }
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(vector.count)
    for index in 0..<vector.count {
      let table = try vector.table(index)
      guard try table.uint64(TFLiteSchema.Buffer.offset, .buffers) <= 1 else {
        throw .externalBufferData(buffer: index)
      }
      ranges.append(try table.bytes(TFLiteSchema.Buffer.data, .bufferData) ?? 0..<0)
    }
    return ranges
  }

  /// Every operator code.
  func parseOperatorCodes(_ model: FlatBufferTable) throws(TFLiteError) -> [OperatorCode] {
    guard let vector = try model.vector(TFLiteSchema.Model.operatorCodes, elementSize: 4, .operatorCodes)
    else {
      return []
    }
    var codes: [OperatorCode] = []
    codes.reserveCapacity(vector.count)
    for index in 0..<vector.count {
      let table = try vector.table(index)
      let deprecated = Int32(try table.int8(TFLiteSchema.OperatorCode.deprecatedBuiltinCode, .operatorCodes))
      let builtin = try table.int32(TFLiteSchema.OperatorCode.builtinCode, .operatorCodes)
      codes.append(
        OperatorCode(
          builtin: max(deprecated, builtin),
          version: try table.int32(TFLiteSchema.OperatorCode.version, default: 1, .operatorCodes),
          isCustom: try table.bytes(TFLiteSchema.OperatorCode.customCode, .operatorCodes) != nil))
    }
    return codes
  }

  /// Every tensor, with its shape, type, data and quantization checked.
  func parseTensors(_ subgraph: FlatBufferTable, buffers: [Range<Int>]) throws(TFLiteError) -> [TFLiteTensor]
  {
    guard let vector = try subgraph.vector(TFLiteSchema.SubGraph.tensors, elementSize: 4, .tensors) else {
      throw .missingField(.tensors)
    }
    var tensors: [TFLiteTensor] = []
    tensors.reserveCapacity(vector.count)
    for index in 0..<vector.count {
      tensors.append(try parseTensor(try vector.table(index), index: index, buffers: buffers))
    }
    return tensors
  }

  /// One tensor.
  func parseTensor(_ table: FlatBufferTable, index: Int, buffers: [Range<Int>]) throws(TFLiteError)
    -> TFLiteTensor
  {
    typealias Field = TFLiteSchema.Tensor
    var shape: [Int] = []
    var elementCount = 1
    if let dims = try table.vector(Field.shape, elementSize: 4, .tensorShape) {
      shape.reserveCapacity(dims.count)
      for position in 0..<dims.count {
        let dimension = Int(try dims.int32(position))
        let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
        guard dimension >= 0, !overflow, product <= Int(Int32.max) else { throw .badShape(tensor: index) }
        shape.append(dimension)
        elementCount = product
      }
    }
    let code = try table.int8(Field.type, .tensors)
    guard let type = TFLiteTensorType(rawValue: code) else {
      throw .unsupportedTensorType(tensor: index, type: code)
    }
    let rawBuffer = try table.uint32(Field.buffer, .tensors)
    guard let bufferIndex = Int(exactly: rawBuffer), bufferIndex < buffers.count else {
      throw .bufferIndex(
        tensor: index, buffer: Int(truncatingIfNeeded: rawBuffer), bufferCount: buffers.count)
    }
    guard try table.uint8(Field.isVariable, .tensors) == 0, try table.table(Field.sparsity, .tensors) == nil
    else {
      throw .unsupportedTensorFeature(tensor: index)
    }
    let data = buffers[bufferIndex]
    if !data.isEmpty {
      let (expected, overflow) = elementCount.multipliedReportingOverflow(by: type.byteSize)
      guard !overflow, expected == data.count else {
        throw .bufferSize(tensor: index, expected: overflow ? Int.max : expected, actual: data.count)
      }
    }
    let name = try table.bytes(Field.name, .tensorName) ?? 0..<0
    return TFLiteTensor(
      shape: shape, type: type, quantization: try parseQuantization(table, tensor: index),
      data: buffer.bytes[data], name: buffer.bytes[name], elementCount: elementCount)
  }

  /// A tensor's quantization parameters, or nil when it has no scale.
  func parseQuantization(_ tensor: FlatBufferTable, tensor index: Int) throws(TFLiteError)
    -> TFLiteQuantization?
  {
    typealias Field = TFLiteSchema.Quantization
    guard let table = try tensor.table(TFLiteSchema.Tensor.quantization, .quantization) else { return nil }
    guard try table.uint8(Field.detailsType, .quantization) == 0 else {
      throw .unsupportedTensorFeature(tensor: index)
    }
    guard let scaleVector = try table.vector(Field.scale, elementSize: 4, .quantization),
      scaleVector.count > 0
    else {
      return nil
    }
    var scales: [Float] = []
    scales.reserveCapacity(scaleVector.count)
    for position in 0..<scaleVector.count { scales.append(try scaleVector.float(position)) }
    var zeroPoints: [Int64] = []
    if let zeroVector = try table.vector(Field.zeroPoint, elementSize: 8, .quantization) {
      zeroPoints.reserveCapacity(zeroVector.count)
      for position in 0..<zeroVector.count { zeroPoints.append(try zeroVector.int64(position)) }
    }
    let dimension = Int(try table.int32(Field.quantizedDimension, .quantization))
    return TFLiteQuantization(scales: scales, zeroPoints: zeroPoints, quantizedDimension: dimension)
  }

  /// A list of tensor indices (graph inputs or outputs), each in range.
  func indices(
    _ table: FlatBufferTable, _ slot: Int, _ field: TFLiteField, tensorCount: Int, allowAbsent: Bool = false
  ) throws(TFLiteError) -> [Int] {
    guard let vector = try table.vector(slot, elementSize: 4, field) else { return [] }
    var result: [Int] = []
    result.reserveCapacity(vector.count)
    for position in 0..<vector.count {
      let value = Int(try vector.int32(position))
      guard (0..<tensorCount).contains(value) || (allowAbsent && value == -1) else {
        throw .tensorIndex(value, tensorCount: tensorCount)
      }
      result.append(value)
    }
    return result
  }

  /// Every operator, with its code resolved and its options read.
  func parseOperators(
    _ subgraph: FlatBufferTable, codes: [OperatorCode], tensorCount: Int
  ) throws(TFLiteError) -> [TFLiteOperator] {
    typealias Field = TFLiteSchema.Operator
    guard let vector = try subgraph.vector(TFLiteSchema.SubGraph.operators, elementSize: 4, .operators) else {
      return []
    }
    var operators: [TFLiteOperator] = []
    operators.reserveCapacity(vector.count)
    for index in 0..<vector.count {
      let table = try vector.table(index)
      let rawOpcode = try table.uint32(Field.opcodeIndex, .operators)
      guard let opcode = Int(exactly: rawOpcode), opcode < codes.count else {
        throw .opcodeIndex(
          operator: index, opcode: Int(truncatingIfNeeded: rawOpcode), opcodeCount: codes.count)
      }
      let code = codes[opcode]
      guard !code.isCustom, code.builtin != TFLiteSchema.Builtin.custom else {
        throw .customOperator(operator: index)
      }
      let kind: TFLiteOperatorKind
      switch code.builtin {
      case TFLiteSchema.Builtin.fullyConnected:
        kind = .fullyConnected(try fullyConnectedActivation(table, index))
      case TFLiteSchema.Builtin.quantize: kind = .quantize
      case TFLiteSchema.Builtin.dequantize: kind = .dequantize
      case TFLiteSchema.Builtin.reshape: kind = .reshape
      default: throw .unsupportedOperator(operator: index, builtinCode: code.builtin)
      }
      operators.append(
        TFLiteOperator(
          kind: kind, version: code.version,
          inputs: try indices(
            table, Field.inputs, .operatorInputs, tensorCount: tensorCount, allowAbsent: true),
          outputs: try indices(table, Field.outputs, .operatorOutputs, tensorCount: tensorCount)))
    }
    return operators
  }

  /// A FULLY_CONNECTED operator's fused activation, after refusing options EdgeCore does not implement.
  func fullyConnectedActivation(_ table: FlatBufferTable, _ index: Int) throws(TFLiteError)
    -> TFLiteActivation
  {
    typealias Options = TFLiteSchema.FullyConnectedOptions
    let optionsType = try table.uint8(TFLiteSchema.Operator.builtinOptionsType, .operatorOptions)
    if optionsType == TFLiteSchema.Options.none { return .none }
    guard optionsType == TFLiteSchema.Options.fullyConnected else {
      throw .unsupportedOptions(operator: index)
    }
    guard let options = try table.table(TFLiteSchema.Operator.builtinOptions, .operatorOptions) else {
      return .none
    }
    let code = try options.int8(Options.fusedActivation, .operatorOptions)
    guard let activation = TFLiteActivation(rawValue: code) else {
      throw .unsupportedActivation(operator: index, code: code)
    }
    let biasType = try options.int8(Options.quantizedBiasType, .operatorOptions)
    guard try options.int8(Options.weightsFormat, .operatorOptions) == 0,
      biasType == TFLiteTensorType.float32.rawValue || biasType == TFLiteTensorType.int32.rawValue
    else { throw .unsupportedOptions(operator: index) }
    return activation
  }

  /// Every metadata entry, its buffer index checked.
  func parseMetadata(_ model: FlatBufferTable, buffers: [Range<Int>]) throws(TFLiteError)
    -> [TFLiteMetadataEntry]
  {
    guard let vector = try model.vector(TFLiteSchema.Model.metadata, elementSize: 4, .metadata) else {
      return []
    }
    var entries: [TFLiteMetadataEntry] = []
    entries.reserveCapacity(vector.count)
    for index in 0..<vector.count {
      let table = try vector.table(index)
      let rawBuffer = try table.uint32(TFLiteSchema.Metadata.buffer, .metadata)
      guard let bufferIndex = Int(exactly: rawBuffer), bufferIndex < buffers.count else {
        throw .metadataBufferIndex(
          entry: index, buffer: Int(truncatingIfNeeded: rawBuffer), bufferCount: buffers.count)
      }
      let name = try table.bytes(TFLiteSchema.Metadata.name, .metadataName) ?? 0..<0
      entries.append(TFLiteMetadataEntry(name: buffer.bytes[name], data: buffer.bytes[buffers[bufferIndex]]))
    }
    return entries
  }
}
