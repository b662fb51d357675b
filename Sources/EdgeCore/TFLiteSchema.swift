/// Field slots and codes of the TFLite schema v3 (`tensorflow/lite/schema/schema.fbs`) that EdgeCore reads.
///
/// A slot is the field's declaration index in its table; a union takes two slots (type, value).
enum TFLiteSchema {
  /// The file identifier at bytes 4..<8: "TFL3".
  static let fileIdentifier: [UInt8] = [0x54, 0x46, 0x4C, 0x33]
  /// The schema version EdgeCore reads.
  static let version: UInt32 = 3

  /// `table Model`.
  enum Model {
    static let version = 0
    static let operatorCodes = 1
    static let subgraphs = 2
    static let buffers = 4
    static let metadata = 6
  }

  /// `table OperatorCode`.
  enum OperatorCode {
    static let deprecatedBuiltinCode = 0
    static let customCode = 1
    static let version = 2
    static let builtinCode = 3
  }

  /// `table SubGraph`.
  enum SubGraph {
    static let tensors = 0
    static let inputs = 1
    static let outputs = 2
    static let operators = 3
  }

  /// `table Tensor`.
  enum Tensor {
    static let shape = 0
    static let type = 1
    static let buffer = 2
    static let name = 3
    static let quantization = 4
    static let isVariable = 5
    static let sparsity = 6
  }

  /// `table QuantizationParameters`.
  enum Quantization {
    static let scale = 2
    static let zeroPoint = 3
    static let detailsType = 4
    static let quantizedDimension = 6
  }

  /// `table Operator`.
  enum Operator {
    static let opcodeIndex = 0
    static let inputs = 1
    static let outputs = 2
    static let builtinOptionsType = 3
    static let builtinOptions = 4
  }

  /// `table FullyConnectedOptions`.
  enum FullyConnectedOptions {
    static let fusedActivation = 0
    static let weightsFormat = 1
    static let quantizedBiasType = 4
  }

  /// `table Buffer`.
  enum Buffer {
    static let data = 0
    static let offset = 1
  }

  /// `table Metadata`.
  enum Metadata {
    static let name = 0
    static let buffer = 1
  }

  /// `enum BuiltinOperator` codes EdgeCore knows.
  enum Builtin {
    static let dequantize: Int32 = 6
    static let fullyConnected: Int32 = 9
    static let reshape: Int32 = 22
    static let custom: Int32 = 32
    static let quantize: Int32 = 114
  }

  /// `union BuiltinOptions` type codes EdgeCore reads.
  enum Options {
    static let none: UInt8 = 0
    static let fullyConnected: UInt8 = 8
  }
}
