extension TFLiteModel {
  /// Checks that the operators form one chain graph input → … → graph output that EdgeCore can
  /// run, and that every operator's operands have the types, constness, sizes and quantization it needs.
  static func validate(_ contents: TFLiteParser.Contents) throws(TFLiteError) {
    let tensors = contents.tensors
    let operators = contents.operators
    guard operators.contains(where: { $0.kind.isFullyConnected }) else { throw .noFullyConnected }
    var onChain = [Bool](repeating: false, count: tensors.count)
    var current = contents.inputTensor
    onChain[current] = true
    for (index, op) in operators.enumerated() {
      switch op.kind {
      case .fullyConnected:
        _ = try FullyConnectedLayer(tensors: tensors, operator: op, index: index)
      case .quantize:
        try checkConversion(tensors, op, index, from: .float32, to: .int8, allowed: index == 0)
      case .dequantize:
        try checkConversion(
          tensors, op, index, from: .int8, to: .float32, allowed: index == operators.count - 1)
      case .reshape:
        try checkReshape(tensors, op, index)
      }
      let output = op.outputs[0]
      guard op.inputs[0] == current, !onChain[output] else { throw .notAChain(operator: index) }
      onChain[output] = true
      current = output
    }
    guard current == contents.outputTensor else { throw .notAChain(operator: operators.count - 1) }
  }

  /// QUANTIZE (float32 → int8, first operator only) or DEQUANTIZE (int8 → float32, last only).
  static func checkConversion(
    _ tensors: [TFLiteTensor], _ op: TFLiteOperator, _ index: Int, from source: TFLiteTensorType,
    to target: TFLiteTensorType, allowed: Bool
  ) throws(TFLiteError) {
    try checkArity(op, index, inputs: 1...1)
    guard allowed else { throw .notAChain(operator: index) }
    let input = try activation(tensors, op.inputs[0], type: source, operator: index)
    let output = try activation(tensors, op.outputs[0], type: target, operator: index)
    guard input.elementCount == output.elementCount else {
      throw .shapeMismatch(operator: index, tensor: op.outputs[0])
    }
    let quantized = source == .int8 ? op.inputs[0] : op.outputs[0]
    _ = try Int8Quantization(tensors[quantized], index: quantized)
  }

  /// RESHAPE of an int8 activation: same element count, same quantization; a shape operand, if
  /// any, is a constant int32 vector.
  static func checkReshape(_ tensors: [TFLiteTensor], _ op: TFLiteOperator, _ index: Int) throws(TFLiteError)
  {
    try checkArity(op, index, inputs: 1...2)
    let input = try activation(tensors, op.inputs[0], type: .int8, operator: index)
    let output = try activation(tensors, op.outputs[0], type: .int8, operator: index)
    if op.inputs.count == 2, op.inputs[1] >= 0 {
      _ = try constant(tensors, op.inputs[1], type: .int32, operator: index)
    }
    guard input.elementCount == output.elementCount else {
      throw .shapeMismatch(operator: index, tensor: op.outputs[0])
    }
    let inputParameters = try Int8Quantization(tensors[op.inputs[0]], index: op.inputs[0])
    guard try Int8Quantization(output, index: op.outputs[0]) == inputParameters else {
      throw .badQuantization(tensor: op.outputs[0], .mismatch)
    }
  }

  /// One output and an input count in `inputs`, the first input present.
  static func checkArity(_ op: TFLiteOperator, _ index: Int, inputs: ClosedRange<Int>) throws(TFLiteError) {
    guard inputs.contains(op.inputs.count), op.outputs.count == 1, op.inputs[0] >= 0 else {
      throw .operatorArity(operator: index, inputs: op.inputs.count, outputs: op.outputs.count)
    }
  }

  /// Tensor `index` as an activation (computed, not constant) of `type`.
  static func activation(
    _ tensors: [TFLiteTensor], _ index: Int, type: TFLiteTensorType, operator op: Int
  ) throws(TFLiteError) -> TFLiteTensor {
    let tensor = tensors[index]
    guard tensor.type == type else { throw .operandType(operator: op, tensor: index) }
    guard !tensor.isConstant else { throw .operandConstness(operator: op, tensor: index) }
    return tensor
  }

  /// Tensor `index` as constant data of `type`.
  static func constant(
    _ tensors: [TFLiteTensor], _ index: Int, type: TFLiteTensorType, operator op: Int
  ) throws(TFLiteError) -> TFLiteTensor {
    let tensor = tensors[index]
    guard tensor.type == type else { throw .operandType(operator: op, tensor: index) }
    guard tensor.isConstant else { throw .operandConstness(operator: op, tensor: index) }
    return tensor
  }
}

extension TFLiteOperatorKind {
  /// Whether this is a FULLY_CONNECTED layer.
  var isFullyConnected: Bool {
    if case .fullyConnected = self { return true }
    return false
  }
}

extension Int8Quantization {
  /// The per-tensor parameters of an int8 activation tensor, checked: one positive scale small
  /// enough that every dequantized code is finite, one int8 zero point.
  init(_ tensor: TFLiteTensor, index: Int) throws(TFLiteError) {
    guard let quantization = tensor.quantization else { throw .badQuantization(tensor: index, .missing) }
    guard quantization.scales.count == 1 else { throw .badQuantization(tensor: index, .channelCount) }
    let scale = quantization.scales[0]
    guard scale > 0, (scale * 256).isFinite else { throw .badQuantization(tensor: index, .scale) }
    guard quantization.zeroPoints.count == 1, (-128...127).contains(quantization.zeroPoints[0]) else {
      throw .badQuantization(tensor: index, .zeroPoint)
    }
    self.init(scale: scale, zeroPoint: Int32(quantization.zeroPoints[0]))
  }
}
