import EdgeCore

/// The flatbuffer assembly behind `TFLiteWriter`: tensors, operators, buffers and metadata of one model.
struct TFLiteFileBuilder {
  private var builder = FlatBufferBuilder(capacity: 16 * 1024)
  /// Vectors already written, shared by every table that needs the same contents (e.g. zero points).
  private var int64Vectors: [[Int64]: FlatBufferOffset] = [:]
  private var floatVectors: [[UInt32]: FlatBufferOffset] = [:]

  /// Tensor, buffer and name of one tensor to write.
  private struct TensorSpec {
    var name: String
    var shape: [Int32]
    var type: TFLiteTensorType
    var buffer: UInt32
    var scales: [Float]
    var zeroPoints: [Int64]
  }

  /// The finished `.tflite` bytes of `model` with the EHMD blob `metadataBytes`.
  mutating func build(_ model: QuantizedModel, metadataBytes: [UInt8]) -> [UInt8] {
    var bufferData: [[UInt8]] = []
    var tensors: [TensorSpec] = [
      TensorSpec(
        name: "input", shape: [1, Int32(model.inputSize)], type: .int8, buffer: 0,
        scales: [model.input.scale],
        zeroPoints: [Int64(model.input.zeroPoint)])
    ]
    var operators: [(inputs: [Int32], outputs: [Int32], relu: Bool)] = []
    for (index, layer) in model.layers.enumerated() {
      let inputTensor = Int32(tensors.count - 1)
      let zeros = [Int64](repeating: 0, count: layer.weightScales.count)
      bufferData.append(layer.weights.map { UInt8(bitPattern: $0) })
      tensors.append(
        TensorSpec(
          name: "dense_\(index)/weights", shape: [Int32(layer.outputSize), Int32(layer.inputSize)],
          type: .int8,
          buffer: UInt32(bufferData.count), scales: layer.weightScales, zeroPoints: zeros))
      bufferData.append(Self.littleEndianBytes(layer.bias))
      tensors.append(
        TensorSpec(
          name: "dense_\(index)/bias", shape: [Int32(layer.outputSize)], type: .int32,
          buffer: UInt32(bufferData.count),
          scales: layer.biasScales, zeroPoints: zeros))
      let isLast = index == model.layers.count - 1
      tensors.append(
        TensorSpec(
          name: isLast ? "output" : "dense_\(index)/output", shape: [1, Int32(layer.outputSize)], type: .int8,
          buffer: 0, scales: [layer.output.scale], zeroPoints: [Int64(layer.output.zeroPoint)]))
      let count = Int32(tensors.count)
      operators.append((inputs: [inputTensor, count - 3, count - 2], outputs: [count - 1], relu: layer.relu))
    }
    var runtimeVersion = Array(TFLiteWriter.minRuntimeVersion.utf8)
    runtimeVersion += [UInt8](
      repeating: 0, count: TFLiteWriter.minRuntimeVersionBufferSize - runtimeVersion.count)
    bufferData.append(runtimeVersion)
    let runtimeVersionBuffer = UInt32(bufferData.count)
    bufferData.append(metadataBytes)
    let metadataBuffer = UInt32(bufferData.count)

    // Back to front: the constant data first, so that it lands at the end of the file.
    let dataVectors = bufferData.map { builder.createVector($0, alignment: TFLiteSchema.bufferAlignment) }
    let tensorTables = tensors.map { writeTensor($0) }
    let operatorTables = operators.map {
      writeOperator(inputs: $0.inputs, outputs: $0.outputs, relu: $0.relu)
    }
    let subgraph = writeSubgraph(
      tensors: tensorTables, operators: operatorTables, output: Int32(tensors.count - 1))
    let operatorCode = writeFullyConnectedCode()
    let bufferTables = [writeBuffer(data: nil)] + dataVectors.map { writeBuffer(data: $0) }
    let metadataTables = [
      writeMetadata(name: "min_runtime_version", buffer: runtimeVersionBuffer),
      writeMetadata(name: ModelMetadata.entryName.description, buffer: metadataBuffer),
    ]
    let model = writeModel(
      operatorCodes: [operatorCode], subgraphs: [subgraph], buffers: bufferTables, metadata: metadataTables)
    return builder.finish(
      root: model, fileIdentifier: String(decoding: TFLiteSchema.fileIdentifier, as: UTF8.self))
  }

  private static func littleEndianBytes(_ values: [Int32]) -> [UInt8] {
    values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
  }

  private mutating func int64Vector(_ values: [Int64]) -> FlatBufferOffset {
    if let offset = int64Vectors[values] { return offset }
    let offset = builder.createVector(values)
    int64Vectors[values] = offset
    return offset
  }

  private mutating func floatVector(_ values: [Float]) -> FlatBufferOffset {
    let bits = values.map(\.bitPattern)
    if let offset = floatVectors[bits] { return offset }
    let offset = builder.createVector(bits)
    floatVectors[bits] = offset
    return offset
  }

  private mutating func writeTensor(_ tensor: TensorSpec) -> FlatBufferOffset {
    let scales = floatVector(tensor.scales)
    let zeroPoints = int64Vector(tensor.zeroPoints)
    builder.startTable()
    builder.add(scales, slot: TFLiteSchema.Quantization.scale)
    builder.add(zeroPoints, slot: TFLiteSchema.Quantization.zeroPoint)
    // quantized_dimension stays at its default, 0: per-channel scales run along the output rows.
    let quantization = builder.endTable()
    let shape = builder.createVector(tensor.shape)
    let name = builder.createString(tensor.name)
    builder.startTable()
    builder.add(shape, slot: TFLiteSchema.Tensor.shape)
    builder.add(tensor.buffer, slot: TFLiteSchema.Tensor.buffer, default: 0)
    builder.add(name, slot: TFLiteSchema.Tensor.name)
    builder.add(quantization, slot: TFLiteSchema.Tensor.quantization)
    builder.add(tensor.type.rawValue, slot: TFLiteSchema.Tensor.type, default: 0)
    return builder.endTable()
  }

  private mutating func writeOperator(inputs: [Int32], outputs: [Int32], relu: Bool) -> FlatBufferOffset {
    builder.startTable()
    let activation: TFLiteActivation = relu ? .relu : .none
    builder.add(
      activation.rawValue, slot: TFLiteSchema.FullyConnectedOptions.fusedActivation, default: 0)
    let options = builder.endTable()
    let inputVector = builder.createVector(inputs)
    let outputVector = builder.createVector(outputs)
    builder.startTable()
    builder.add(UInt32(0), slot: TFLiteSchema.Operator.opcodeIndex, default: 0)
    builder.add(inputVector, slot: TFLiteSchema.Operator.inputs)
    builder.add(outputVector, slot: TFLiteSchema.Operator.outputs)
    builder.add(options, slot: TFLiteSchema.Operator.builtinOptions)
    builder.add(
      TFLiteSchema.Options.fullyConnected, slot: TFLiteSchema.Operator.builtinOptionsType, default: 0)
    return builder.endTable()
  }

  private mutating func writeSubgraph(
    tensors: [FlatBufferOffset], operators: [FlatBufferOffset], output: Int32
  )
    -> FlatBufferOffset
  {
    let tensorVector = builder.createVector(tensors)
    let inputs = builder.createVector([Int32(0)])
    let outputs = builder.createVector([output])
    let operatorVector = builder.createVector(operators)
    let name = builder.createString("main")
    builder.startTable()
    builder.add(tensorVector, slot: TFLiteSchema.SubGraph.tensors)
    builder.add(inputs, slot: TFLiteSchema.SubGraph.inputs)
    builder.add(outputs, slot: TFLiteSchema.SubGraph.outputs)
    builder.add(operatorVector, slot: TFLiteSchema.SubGraph.operators)
    builder.add(name, slot: TFLiteSchema.SubGraph.name)
    return builder.endTable()
  }

  private mutating func writeFullyConnectedCode() -> FlatBufferOffset {
    builder.startTable()
    builder.add(TFLiteWriter.fullyConnectedVersion, slot: TFLiteSchema.OperatorCode.version, default: 1)
    builder.add(TFLiteSchema.Builtin.fullyConnected, slot: TFLiteSchema.OperatorCode.builtinCode, default: 0)
    builder.add(
      Int8(TFLiteSchema.Builtin.fullyConnected), slot: TFLiteSchema.OperatorCode.deprecatedBuiltinCode,
      default: 0)
    return builder.endTable()
  }

  /// A buffer table; without data it is the empty sentinel that buffer 0 must be.
  private mutating func writeBuffer(data: FlatBufferOffset?) -> FlatBufferOffset {
    builder.startTable()
    if let data { builder.add(data, slot: TFLiteSchema.Buffer.data) }
    return builder.endTable()
  }

  private mutating func writeMetadata(name: String, buffer: UInt32) -> FlatBufferOffset {
    let nameString = builder.createString(name)
    builder.startTable()
    builder.add(nameString, slot: TFLiteSchema.Metadata.name)
    builder.add(buffer, slot: TFLiteSchema.Metadata.buffer, default: 0)
    return builder.endTable()
  }

  private mutating func writeModel(
    operatorCodes: [FlatBufferOffset], subgraphs: [FlatBufferOffset], buffers: [FlatBufferOffset],
    metadata: [FlatBufferOffset]
  ) -> FlatBufferOffset {
    let codes = builder.createVector(operatorCodes)
    let subgraphVector = builder.createVector(subgraphs)
    let description = builder.createString(TFLiteWriter.modelDescription)
    let bufferVector = builder.createVector(buffers)
    let metadataVector = builder.createVector(metadata)
    builder.startTable()
    builder.add(TFLiteSchema.version, slot: TFLiteSchema.Model.version, default: 0)
    builder.add(codes, slot: TFLiteSchema.Model.operatorCodes)
    builder.add(subgraphVector, slot: TFLiteSchema.Model.subgraphs)
    builder.add(description, slot: TFLiteSchema.Model.description)
    builder.add(bufferVector, slot: TFLiteSchema.Model.buffers)
    builder.add(metadataVector, slot: TFLiteSchema.Model.metadata)
    return builder.endTable()
  }
}
