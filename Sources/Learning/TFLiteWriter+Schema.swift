/// The parts of TFLite's schema v3 (`tensorflow/lite/schema/schema.fbs`) that the writer emits.
///
/// Slots are field ids in declaration order; a union field takes two slots (its type, then its value).
enum TFLiteSchema {
  /// The file identifier of schema v3.
  static let fileIdentifier = "TFL3"
  /// `Model.version`.
  static let schemaVersion: UInt32 = 3

  /// `TensorType` values.
  enum TensorType: Int8 {
    case int32 = 2
    case int8 = 9
  }

  /// `BuiltinOperator.FULLY_CONNECTED`.
  static let fullyConnected: Int32 = 9
  /// Version of FULLY_CONNECTED with int8 input, weights and output, a bias and `keep_num_dims` false
  /// (`op_version.cc`; the same for per-channel and per-tensor weights).
  static let fullyConnectedInt8Version: Int32 = 4
  /// The runtime that first runs that version (`runtime_version.cc`), written as `min_runtime_version` metadata.
  static let minRuntimeVersion = "1.14.0"
  /// Size of the `min_runtime_version` buffer the converter writes (the string, NUL-padded).
  static let minRuntimeVersionBufferSize = 16
  /// `BuiltinOptions.FullyConnectedOptions` (the union's index).
  static let fullyConnectedOptionsType: UInt8 = 8
  /// `ActivationFunctionType` values.
  enum Activation: Int8 {
    case none = 0
    case relu = 1
  }
  /// Alignment of `Buffer.data` (`force_align: 16`).
  static let bufferAlignment = 16

  /// Field slots of `Model`.
  enum Model {
    static let version = 0
    static let operatorCodes = 1
    static let subgraphs = 2
    static let description = 3
    static let buffers = 4
    static let metadata = 6
  }

  /// Field slots of `OperatorCode`.
  enum OperatorCode {
    static let deprecatedBuiltinCode = 0
    static let version = 2
    static let builtinCode = 3
  }

  /// Field slots of `SubGraph`.
  enum SubGraph {
    static let tensors = 0
    static let inputs = 1
    static let outputs = 2
    static let operators = 3
    static let name = 4
  }

  /// Field slots of `Tensor`.
  enum Tensor {
    static let shape = 0
    static let type = 1
    static let buffer = 2
    static let name = 3
    static let quantization = 4
  }

  /// Field slots of `QuantizationParameters`.
  enum Quantization {
    static let scale = 2
    static let zeroPoint = 3
  }

  /// Field slots of `Operator`.
  enum Operator {
    static let opcodeIndex = 0
    static let inputs = 1
    static let outputs = 2
    static let builtinOptionsType = 3
    static let builtinOptions = 4
  }

  /// Field slots of `FullyConnectedOptions`.
  enum FullyConnectedOptions {
    static let fusedActivationFunction = 0
  }

  /// Field slots of `Buffer`.
  enum Buffer {
    static let data = 0
  }

  /// Field slots of `Metadata`.
  enum Metadata {
    static let name = 0
    static let buffer = 1
  }
}
