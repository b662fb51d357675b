extension FullyConnectedLayer {
  /// The layer of FULLY_CONNECTED operator `operatorIndex` of a validated model.
  public init(model: TFLiteModel, operatorIndex: Int) throws(TFLiteError) {
    try self.init(tensors: model.tensors, operator: model.operators[operatorIndex], index: operatorIndex)
  }

  /// Builds the layer of FULLY_CONNECTED operator `index` and checks every operand: int8
  /// activations with per-tensor parameters, constant int8 weights `[outputs][inputs]` with one
  /// scale or one per output channel (symmetric), an optional constant int32 bias per channel,
  /// and an input and output of exactly one row.
  init(tensors: [TFLiteTensor], operator op: TFLiteOperator, index: Int) throws(TFLiteError) {
    guard case .fullyConnected(let activation) = op.kind else { throw .unsupportedOptions(operator: index) }
    try TFLiteModel.checkArity(op, index, inputs: 2...3)
    guard op.inputs[1] >= 0 else {
      throw .operatorArity(operator: index, inputs: op.inputs.count, outputs: op.outputs.count)
    }
    let input = try TFLiteModel.activation(tensors, op.inputs[0], type: .int8, operator: index)
    let output = try TFLiteModel.activation(tensors, op.outputs[0], type: .int8, operator: index)
    let filter = try TFLiteModel.constant(tensors, op.inputs[1], type: .int8, operator: index)
    guard filter.shape.count == 2 else { throw .shapeMismatch(operator: index, tensor: op.inputs[1]) }
    let (outputCount, inputCount) = (filter.shape[0], filter.shape[1])
    guard input.elementCount == inputCount else {
      throw .shapeMismatch(operator: index, tensor: op.inputs[0])
    }
    guard output.elementCount == outputCount else {
      throw .shapeMismatch(operator: index, tensor: op.outputs[0])
    }

    var bias = [Int32](repeating: 0, count: outputCount)
    if op.inputs.count == 3, op.inputs[2] >= 0 {
      let biasTensor = try TFLiteModel.constant(tensors, op.inputs[2], type: .int32, operator: index)
      guard biasTensor.elementCount == outputCount else {
        throw .shapeMismatch(operator: index, tensor: op.inputs[2])
      }
      var byte = biasTensor.data.startIndex
      for channel in 0..<outputCount {
        var word: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) {
          word |= UInt32(biasTensor.data[byte]) << UInt32(shift)
          byte += 1
        }
        bias[channel] = Int32(bitPattern: word)
      }
    }

    let inputParameters = try Int8Quantization(input, index: op.inputs[0])
    let outputParameters = try Int8Quantization(output, index: op.outputs[0])
    let weightScales = try Self.weightScales(filter, index: op.inputs[1], outputCount: outputCount)
    let (lower, upper) = Self.clamp(activation, output: outputParameters)
    self.init(
      inputCount: inputCount, outputCount: outputCount, weights: filter.data.map { Int8(bitPattern: $0) },
      bias: bias,
      inputZeroPoint: inputParameters.zeroPoint, weightZeroPoint: weightScales.zeroPoint,
      outputZeroPoint: outputParameters.zeroPoint,
      effectiveScales: (0..<outputCount).map { channel in
        Self.effectiveScale(
          input: inputParameters.scale,
          weight: weightScales.scales[weightScales.scales.count == 1 ? 0 : channel],
          output: outputParameters.scale)
      },
      outputMin: lower, outputMax: upper)
  }

  /// The weight scales (one, or one per output channel along dimension 0) and the zero point the
  /// reference kernel applies: the per-tensor one, or 0 for symmetric per-channel weights.
  static func weightScales(
    _ filter: TFLiteTensor, index: Int, outputCount: Int
  ) throws(TFLiteError) -> (scales: [Float], zeroPoint: Int32) {
    guard let quantization = filter.quantization else { throw .badQuantization(tensor: index, .missing) }
    let scales = quantization.scales
    guard scales.count == 1 || scales.count == outputCount else {
      throw .badQuantization(tensor: index, .channelCount)
    }
    guard scales.allSatisfy({ $0.isFinite && $0 > 0 }) else { throw .badQuantization(tensor: index, .scale) }
    guard quantization.zeroPoints.count == scales.count else {
      throw .badQuantization(tensor: index, .zeroPoint)
    }
    if scales.count == 1 {
      guard (-128...127).contains(quantization.zeroPoints[0]) else {
        throw .badQuantization(tensor: index, .zeroPoint)
      }
      return (scales, Int32(quantization.zeroPoints[0]))
    }
    guard quantization.quantizedDimension == 0 else { throw .badQuantization(tensor: index, .dimension) }
    guard quantization.zeroPoints.allSatisfy({ $0 == 0 }) else {
      throw .badQuantization(tensor: index, .asymmetricWeights)
    }
    return (scales, 0)
  }

  /// The output code range of a fused activation (LiteRT's `CalculateActivationRangeQuantized`).
  static func clamp(_ activation: TFLiteActivation, output: Int8Quantization) -> (Int32, Int32) {
    let (low, high): (Int64, Int64)
    switch activation {
    case .none: (low, high) = (-128, 127)
    case .relu: (low, high) = (output.code(of: 0), 127)
    case .relu6: (low, high) = (output.code(of: 0), output.code(of: 6))
    case .reluMinusOneToOne: (low, high) = (output.code(of: -1), output.code(of: 1))
    }
    let lower = Int32(min(max(low, -128), 127))
    return (lower, Int32(min(max(high, Int64(lower)), 127)))
  }
}
