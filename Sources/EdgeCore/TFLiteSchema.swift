/// Field slots and codes of the TFLite schema v3 (`tensorflow/lite/schema/schema.fbs`) that EdgeCore reads
/// and Learning's writer emits: one definition for both sides of the file format.
///
/// A slot is the field's declaration index in its table; a union takes two slots (type, value).
public enum TFLiteSchema {
  /// The file identifier at bytes 4..<8: "TFL3".
  public static let fileIdentifier: [UInt8] = [0x54, 0x46, 0x4C, 0x33]
  /// The schema version EdgeCore reads (`Model.version`).
  public static let version: UInt32 = 3
  /// Alignment of `Buffer.data` (`force_align: 16`).
  public static let bufferAlignment = 16

  /// `table Model`.
  public enum Model {
    /// `version: uint`.
    public static let version = 0
    /// `operator_codes: [OperatorCode]`.
    public static let operatorCodes = 1
    /// `subgraphs: [SubGraph]`.
    public static let subgraphs = 2
    /// `description: string`.
    public static let description = 3
    /// `buffers: [Buffer]`.
    public static let buffers = 4
    /// `metadata: [Metadata]`.
    public static let metadata = 6
  }

  /// `table OperatorCode`.
  public enum OperatorCode {
    /// `deprecated_builtin_code: byte` (codes below 127).
    public static let deprecatedBuiltinCode = 0
    /// `custom_code: string`.
    public static let customCode = 1
    /// `version: int` (default 1).
    public static let version = 2
    /// `builtin_code: BuiltinOperator`.
    public static let builtinCode = 3
  }

  /// `table SubGraph`.
  public enum SubGraph {
    /// `tensors: [Tensor]`.
    public static let tensors = 0
    /// `inputs: [int]`.
    public static let inputs = 1
    /// `outputs: [int]`.
    public static let outputs = 2
    /// `operators: [Operator]`.
    public static let operators = 3
    /// `name: string`.
    public static let name = 4
  }

  /// `table Tensor`.
  public enum Tensor {
    /// `shape: [int]`.
    public static let shape = 0
    /// `type: TensorType`.
    public static let type = 1
    /// `buffer: uint` (0 is the empty buffer of activations).
    public static let buffer = 2
    /// `name: string`.
    public static let name = 3
    /// `quantization: QuantizationParameters`.
    public static let quantization = 4
    /// `is_variable: bool`.
    public static let isVariable = 5
    /// `sparsity: SparsityParameters`.
    public static let sparsity = 6
  }

  /// `table QuantizationParameters`.
  public enum Quantization {
    /// `scale: [float]`.
    public static let scale = 2
    /// `zero_point: [long]`.
    public static let zeroPoint = 3
    /// `details_type` of the `details` union.
    public static let detailsType = 4
    /// `quantized_dimension: int`.
    public static let quantizedDimension = 6
  }

  /// `table Operator`.
  public enum Operator {
    /// `opcode_index: uint`.
    public static let opcodeIndex = 0
    /// `inputs: [int]`.
    public static let inputs = 1
    /// `outputs: [int]`.
    public static let outputs = 2
    /// `builtin_options_type` of the `builtin_options` union.
    public static let builtinOptionsType = 3
    /// `builtin_options` (the union's value).
    public static let builtinOptions = 4
  }

  /// `table FullyConnectedOptions`.
  public enum FullyConnectedOptions {
    /// `fused_activation_function: ActivationFunctionType`.
    public static let fusedActivation = 0
    /// `weights_format: FullyConnectedOptionsWeightsFormat`.
    public static let weightsFormat = 1
    /// `quantized_bias_type: TensorType`.
    public static let quantizedBiasType = 4
  }

  /// `table Buffer`.
  public enum Buffer {
    /// `data: [ubyte]`.
    public static let data = 0
    /// `offset: ulong` (data outside the flatbuffer).
    public static let offset = 1
  }

  /// `table Metadata`.
  public enum Metadata {
    /// `name: string`.
    public static let name = 0
    /// `buffer: uint`.
    public static let buffer = 1
  }

  /// `enum BuiltinOperator` codes EdgeCore knows.
  public enum Builtin {
    /// `DEQUANTIZE`.
    public static let dequantize: Int32 = 6
    /// `FULLY_CONNECTED`.
    public static let fullyConnected: Int32 = 9
    /// `RESHAPE`.
    public static let reshape: Int32 = 22
    /// `CUSTOM`.
    public static let custom: Int32 = 32
    /// `QUANTIZE`.
    public static let quantize: Int32 = 114
  }

  /// `union BuiltinOptions` type codes EdgeCore reads.
  public enum Options {
    /// `NONE`.
    public static let none: UInt8 = 0
    /// `FullyConnectedOptions`.
    public static let fullyConnected: UInt8 = 8
  }
}
