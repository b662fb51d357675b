import EdgeCore

/// Messages for `.tflite` refusals; they live here so that the firmware (EdgeCore) carries no text.
extension TFLiteError: CustomStringConvertible {
  /// What is wrong with the model and, where it helps, what to do about it.
  public var description: String {
    let supported = "EdgeCore runs int8 dense models (FULLY_CONNECTED, QUANTIZE, DEQUANTIZE, RESHAPE)"
    switch self {
    case .truncated(let count):
      return "not a .tflite model: \(count) bytes is shorter than a flatbuffer header (8 bytes)"
    case .notTFLite:
      return "not a .tflite model: bytes 4..<8 are not the TFLite file identifier \"TFL3\""
    case .outOfBounds(let field, let offset):
      return "corrupt .tflite: \(field.label) at byte \(offset) points outside the file; re-export the model"
    case .badVTable(let field, let offset):
      return
        "corrupt .tflite: the \(field.label) table at byte \(offset) has a malformed vtable; re-export the model"
    case .missingField(let field):
      return "incomplete .tflite: it has no \(field.label)"
    case .unsupportedSchemaVersion(let version):
      return "the model uses TFLite schema version \(version); EdgeCore reads version 3"
    case .subgraphCount(let count):
      return "the model has \(count) subgraphs; EdgeCore runs models with exactly one"
    case .graphInputsOutputs(let inputs, let outputs):
      return "the graph has \(inputs) inputs and \(outputs) outputs; EdgeCore runs graphs with one of each"
    case .tensorIndex(let index, let count):
      return "corrupt .tflite: tensor index \(index) is outside the \(count) tensors"
    case .bufferIndex(let tensor, let buffer, let count):
      return "corrupt .tflite: tensor \(tensor) refers to buffer \(buffer) of \(count)"
    case .metadataBufferIndex(let entry, let buffer, let count):
      return "corrupt .tflite: metadata entry \(entry) refers to buffer \(buffer) of \(count)"
    case .externalBufferData(let buffer):
      return
        "buffer \(buffer) keeps its data outside the flatbuffer (the >2 GB layout), which EdgeCore does not read"
    case .opcodeIndex(let op, let opcode, let count):
      return "corrupt .tflite: operator \(op) uses operator code \(opcode) of \(count)"
    case .customOperator(let op):
      return "operator \(op) is a custom operator; \(supported)"
    case .unsupportedOperator(let op, let code):
      return "operator \(op) is builtin operator \(code); \(supported)"
    case .unsupportedTensorType(let tensor, let type):
      return
        "tensor \(tensor) has TFLite type \(type); EdgeCore handles int8, int32 (biases, shapes) and float32 (edges)"
    case .badShape(let tensor):
      return "tensor \(tensor) has a negative dimension or more than 2³¹ elements"
    case .unsupportedTensorFeature(let tensor):
      return "tensor \(tensor) is sparse, variable or custom-quantized, which EdgeCore does not handle"
    case .bufferSize(let tensor, let expected, let actual):
      return
        "tensor \(tensor) needs \(expected) bytes of data for its shape and type but its buffer has \(actual)"
    case .operatorArity(let op, let inputs, let outputs):
      return "operator \(op) has \(inputs) inputs and \(outputs) outputs, which its kind does not take"
    case .operandType(let op, let tensor):
      return
        "operator \(op) cannot take tensor \(tensor) of that type (int8 activations and weights, int32 bias)"
    case .operandConstness(let op, let tensor):
      return
        "operator \(op): tensor \(tensor) must be constant data (weights, bias) or computed (activations), not the other"
    case .shapeMismatch(let op, let tensor):
      return
        "operator \(op): the size of tensor \(tensor) does not fit its other tensors (one row of weights' width)"
    case .badQuantization(let tensor, let problem):
      return "tensor \(tensor): \(problem.label); quantize the model to full int8 with TFLite's scheme"
    case .unsupportedActivation(let op, let code):
      return "operator \(op) fuses activation \(code); EdgeCore applies NONE, RELU, RELU_N1_TO_1 and RELU6"
    case .unsupportedOptions(let op):
      return
        "operator \(op) uses FULLY_CONNECTED options EdgeCore does not implement (shuffled weights, non-int32 bias)"
    case .notAChain(let op):
      return "operator \(op) breaks the chain graph input → … → graph output that EdgeCore runs"
    case .noFullyConnected:
      return "the graph has no FULLY_CONNECTED operator; \(supported)"
    }
  }
}

extension TFLiteField {
  /// The schema's name for the part.
  var label: String {
    switch self {
    case .model: "Model"
    case .operatorCodes: "Model.operator_codes"
    case .subgraphs: "Model.subgraphs"
    case .buffers: "Model.buffers"
    case .metadata: "Model.metadata"
    case .tensors: "SubGraph.tensors"
    case .graphInputs: "SubGraph.inputs"
    case .graphOutputs: "SubGraph.outputs"
    case .operators: "SubGraph.operators"
    case .tensorShape: "Tensor.shape"
    case .tensorName: "Tensor.name"
    case .quantization: "Tensor.quantization"
    case .operatorInputs: "Operator.inputs"
    case .operatorOutputs: "Operator.outputs"
    case .operatorOptions: "Operator.builtin_options"
    case .bufferData: "Buffer.data"
    case .metadataName: "Metadata.name"
    }
  }
}

extension QuantizationProblem {
  /// What is wrong, in words.
  var label: String {
    switch self {
    case .missing: "no quantization scale"
    case .scale: "a scale is zero, negative, NaN, or so large that dequantized values overflow"
    case .zeroPoint: "a zero point is outside −128…127, or there is not one per scale"
    case .channelCount: "the number of scales is neither 1 nor one per output channel"
    case .dimension: "per-channel parameters run along a dimension other than 0 (output channels)"
    case .asymmetricWeights:
      "per-channel weights have a non-zero zero point (TFLite requires symmetric weights)"
    case .mismatch: "RESHAPE changes the quantization (output must equal input)"
    }
  }
}
