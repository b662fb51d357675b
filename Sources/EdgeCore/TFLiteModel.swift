/// A validated `.tflite` model (schema v3) of the kind EdgeCore runs: one subgraph whose operators
/// form a chain input → … → output of FULLY_CONNECTED layers (int8), optionally with QUANTIZE /
/// DEQUANTIZE at the edges and RESHAPE in between.
///
/// Construction parses and validates the whole buffer — bounds, vtables, indices, shapes, buffer
/// sizes, types, quantization, operator options, graph shape — and throws a `TFLiteError` for
/// anything malformed or unsupported; it never reads outside the buffer. The model keeps the
/// bytes it was given (tensor data and metadata are slices of them), so it stays valid on its own.
public struct TFLiteModel: Sendable {
  /// The schema version written in the file (always 3 once validated).
  public let schemaVersion: UInt32
  /// The subgraph's tensors, by index.
  public let tensors: [TFLiteTensor]
  /// The subgraph's operators, in execution order (a chain: each consumes the previous one's output).
  public let operators: [TFLiteOperator]
  /// Index of the graph's input tensor.
  public let inputTensor: Int
  /// Index of the graph's output tensor.
  public let outputTensor: Int
  /// The model's metadata entries (`Model.metadata`), in file order.
  public let metadata: [TFLiteMetadataEntry]

  /// Parses and validates a `.tflite` flatbuffer.
  public init(bytes: [UInt8]) throws(TFLiteError) {
    let parsed = try TFLiteParser(bytes: bytes).parse()
    try Self.validate(parsed)
    self.schemaVersion = parsed.schemaVersion
    self.tensors = parsed.tensors
    self.operators = parsed.operators
    self.inputTensor = parsed.inputTensor
    self.outputTensor = parsed.outputTensor
    self.metadata = parsed.metadata
  }

  /// Parses and validates a `.tflite` flatbuffer the caller owns; the bytes are copied.
  public init(copying bytes: UnsafeRawBufferPointer) throws(TFLiteError) {
    try self.init(bytes: [UInt8](bytes))
  }

  /// The data of the first metadata entry called `name` (for example "edgehybrid"), or nil.
  /// (A `StaticString` keeps Unicode string machinery out of the firmware.)
  public func metadata(named name: StaticString) -> ArraySlice<UInt8>? {
    name.withUTF8Buffer { key in metadata.first { $0.name.elementsEqual(key) }?.data }
  }
}

/// One tensor of the model.
public struct TFLiteTensor: Sendable {
  /// Dimensions, outermost first.
  public let shape: [Int]
  /// Element type.
  public let type: TFLiteTensorType
  /// Quantization parameters, or nil when the tensor has none (float tensors).
  public let quantization: TFLiteQuantization?
  /// The constant data (little-endian), empty for activations.
  public let data: ArraySlice<UInt8>
  /// The tensor's name as UTF-8 bytes, for reports.
  public let name: ArraySlice<UInt8>
  /// Number of elements (product of the shape; 1 for a scalar).
  public let elementCount: Int

  /// Whether the tensor holds constant data (weights, biases, shapes) rather than an activation.
  public var isConstant: Bool { !data.isEmpty }
}

/// The tensor element types EdgeCore accepts.
public enum TFLiteTensorType: Int8, Sendable {
  /// IEEE float, at the graph's edges only.
  case float32 = 0
  /// 32-bit integers: FULLY_CONNECTED biases and RESHAPE shapes.
  case int32 = 2
  /// 8-bit quantized values: activations and weights.
  case int8 = 9

  /// Bytes per element.
  public var byteSize: Int {
    switch self {
    case .float32, .int32: 4
    case .int8: 1
    }
  }
}

/// A tensor's affine quantization: real = scale × (q − zeroPoint), per tensor or per channel.
public struct TFLiteQuantization: Equatable, Sendable {
  /// One scale, or one per channel along `quantizedDimension`.
  public let scales: [Float]
  /// Zero points, one per scale.
  public let zeroPoints: [Int64]
  /// The dimension the per-channel parameters run along.
  public let quantizedDimension: Int

  /// Whether there is one scale per channel rather than one for the whole tensor.
  public var isPerChannel: Bool { scales.count > 1 }
}

/// What an operator does.
public enum TFLiteOperatorKind: Equatable, Sendable {
  /// Dense layer `output = activation(weights · input + bias)` with int8 requantization.
  case fullyConnected(TFLiteActivation)
  /// float32 → int8 with the output tensor's parameters.
  case quantize
  /// int8 → float32 with the input tensor's parameters.
  case dequantize
  /// Same values, new shape.
  case reshape
}

/// The fused activations EdgeCore applies (as clamps of the quantized output).
public enum TFLiteActivation: Int8, Sendable {
  /// No clamp beyond the int8 range.
  case none = 0
  /// max(0, x).
  case relu = 1
  /// clamp(x, −1, 1).
  case reluMinusOneToOne = 2
  /// clamp(x, 0, 6).
  case relu6 = 3
}

/// One operator of the chain.
public struct TFLiteOperator: Sendable {
  /// What it does.
  public let kind: TFLiteOperatorKind
  /// The operator code's version.
  public let version: Int32
  /// Input tensor indices; -1 marks an absent optional input (a FULLY_CONNECTED without bias).
  public let inputs: [Int]
  /// Output tensor indices.
  public let outputs: [Int]
}

/// One `Model.metadata` entry: a name and the bytes of the buffer it refers to.
public struct TFLiteMetadataEntry: Sendable {
  /// The entry's name as UTF-8 bytes ("edgehybrid", "min_runtime_version", …).
  public let name: ArraySlice<UInt8>
  /// The buffer's bytes.
  public let data: ArraySlice<UInt8>
}
