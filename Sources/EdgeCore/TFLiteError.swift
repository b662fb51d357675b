/// Why a `.tflite` buffer was refused: one case per problem, with the numbers needed to find it.
///
/// Tensor and operator numbers are indices into the model's one subgraph; byte offsets are from
/// the start of the buffer. Human-readable messages live outside the firmware
/// (`TFLiteError+Description` in Learning), so that EdgeCore carries no text.
public enum TFLiteError: Error, Equatable, Sendable {
  /// The buffer is shorter than a flatbuffer header (8 bytes).
  case truncated(byteCount: Int)
  /// Bytes 4..<8 are not the TFLite file identifier `TFL3`: not a TFLite model.
  case notTFLite
  /// An offset, length or field of `field` points outside the buffer.
  case outOfBounds(field: TFLiteField, offset: Int)
  /// A table's vtable is malformed (odd or too small size, or it lies outside the buffer).
  case badVTable(field: TFLiteField, offset: Int)
  /// A field the model needs is absent.
  case missingField(TFLiteField)
  /// The model's schema version is not 3.
  case unsupportedSchemaVersion(UInt32)
  /// The model has not exactly one subgraph.
  case subgraphCount(Int)
  /// The subgraph has not exactly one input and one output tensor.
  case graphInputsOutputs(inputs: Int, outputs: Int)
  /// A tensor index (in an operator or the subgraph's input/output list) is outside the tensor list.
  case tensorIndex(Int, tensorCount: Int)
  /// A tensor refers to a buffer that does not exist.
  case bufferIndex(tensor: Int, buffer: Int, bufferCount: Int)
  /// A metadata entry refers to a buffer that does not exist.
  case metadataBufferIndex(entry: Int, buffer: Int, bufferCount: Int)
  /// A buffer keeps its data outside the flatbuffer (the >2 GB layout), which EdgeCore does not read.
  case externalBufferData(buffer: Int)
  /// An operator refers to an operator code that does not exist.
  case opcodeIndex(operator: Int, opcode: Int, opcodeCount: Int)
  /// An operator is a custom operator (EdgeCore runs builtin operators only).
  case customOperator(operator: Int)
  /// An operator is a builtin EdgeCore does not run (it runs FULLY_CONNECTED, QUANTIZE, DEQUANTIZE, RESHAPE).
  case unsupportedOperator(operator: Int, builtinCode: Int32)
  /// A tensor has a type EdgeCore does not handle (the TFLite `TensorType` code).
  case unsupportedTensorType(tensor: Int, type: Int8)
  /// A tensor's shape has a negative dimension or more elements than fit in 32 bits.
  case badShape(tensor: Int)
  /// A tensor is sparse, variable or has custom quantization, none of which EdgeCore handles.
  case unsupportedTensorFeature(tensor: Int)
  /// A constant tensor's buffer holds a byte count other than its shape and type require.
  case bufferSize(tensor: Int, expected: Int, actual: Int)
  /// An operator has the wrong number of inputs or outputs.
  case operatorArity(operator: Int, inputs: Int, outputs: Int)
  /// An operator's tensor has a type it cannot take (for example float weights or an int8 bias).
  case operandType(operator: Int, tensor: Int)
  /// A tensor that must be constant has no data, or an activation tensor has data.
  case operandConstness(operator: Int, tensor: Int)
  /// An operator's tensors do not fit together (weights, bias, input and output sizes).
  case shapeMismatch(operator: Int, tensor: Int)
  /// A quantized tensor lacks quantization parameters, or they are not usable.
  case badQuantization(tensor: Int, QuantizationProblem)
  /// A FULLY_CONNECTED operator's fused activation is one EdgeCore does not apply (TANH, SIGN_BIT).
  case unsupportedActivation(operator: Int, code: Int8)
  /// A FULLY_CONNECTED operator uses shuffled weights, a non-int32 bias type or similar options.
  case unsupportedOptions(operator: Int)
  /// The operators do not form a chain graph input → … → graph output.
  case notAChain(operator: Int)
  /// The subgraph has no FULLY_CONNECTED operator (an empty graph included).
  case noFullyConnected
}

/// Which part of the model a structural error was found in.
public enum TFLiteField: UInt8, Equatable, Sendable {
  /// The root `Model` table.
  case model
  /// `Model.operator_codes` or one `OperatorCode`.
  case operatorCodes
  /// `Model.subgraphs` or the `SubGraph` table.
  case subgraphs
  /// `Model.buffers` or one `Buffer`.
  case buffers
  /// `Model.metadata` or one `Metadata` entry.
  case metadata
  /// `SubGraph.tensors` or one `Tensor`.
  case tensors
  /// `SubGraph.inputs`.
  case graphInputs
  /// `SubGraph.outputs`.
  case graphOutputs
  /// `SubGraph.operators` or one `Operator`.
  case operators
  /// `Tensor.shape`.
  case tensorShape
  /// `Tensor.name`.
  case tensorName
  /// `Tensor.quantization` (`QuantizationParameters`).
  case quantization
  /// `Operator.inputs`.
  case operatorInputs
  /// `Operator.outputs`.
  case operatorOutputs
  /// `Operator.builtin_options`.
  case operatorOptions
  /// `Buffer.data`.
  case bufferData
  /// `Metadata.name`.
  case metadataName
}

/// What is wrong with a tensor's quantization parameters.
public enum QuantizationProblem: UInt8, Equatable, Sendable {
  /// The tensor has no scale.
  case missing
  /// A scale is zero, negative, NaN, or so large (activations) that dequantized codes overflow.
  case scale
  /// A zero point is outside the int8 range, or the zero-point count differs from the scale count.
  case zeroPoint
  /// Several scales where one is needed, or a per-channel count that is not the output-channel count.
  case channelCount
  /// Per-channel weights quantized along a dimension other than 0 (the output channel).
  case dimension
  /// Per-channel weights with a non-zero zero point (TFLite requires symmetric weights).
  case asymmetricWeights
  /// An operator's output scale differs from its input's where they must be equal (RESHAPE).
  case mismatch
}
