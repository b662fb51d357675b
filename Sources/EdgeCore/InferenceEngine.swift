/// Runs an int8 dense model (a chain of FULLY_CONNECTED layers) on one window at a time with
/// LiteRT's reference arithmetic, bit for bit.
///
/// Lifetime contract, after TFLite Micro's `MicroInterpreter`:
/// - `init` does all the work that can fail or allocate: it validates the model, copies (and for
///   the SIMD kernel re-lays out) the weights, and allocates one arena of `arenaBytes` for the
///   activations. The model's bytes are not needed afterwards.
/// - `invoke`, `invoke(float:into:)` and `reconstructionError` never allocate, lock or fail; they
///   read their input and write their output only during the call. Passing buffers of the wrong
///   size is a programming error and traps.
/// - The engine owns its arena and weights, is not copyable, and frees them when it ends. It may
///   move to another thread, and is used by one caller at a time (its methods are `mutating`).
public struct InferenceEngine: ~Copyable, @unchecked Sendable {
  /// Which implementation of the layers runs; both give identical bits.
  public enum Kernel: Sendable {
    /// LiteRT's reference loops, written plainly (the oracle).
    case reference
    /// Weights re-laid out at load for widening SIMD multiply-adds (the fast path).
    case simd
  }

  /// The implementation in use.
  public let kernel: Kernel
  /// Values in one input window (the model's input width).
  public let inputCount: Int
  /// Values in one output (the model's output width).
  public let outputCount: Int
  /// How real inputs become int8 codes (the model's QUANTIZE, or its int8 input's parameters).
  public let inputQuantization: Int8Quantization
  /// How int8 output codes become real values (the model's DEQUANTIZE, or its int8 output's parameters).
  public let outputQuantization: Int8Quantization
  /// Bytes of the activation arena, allocated once at load.
  public let arenaBytes: Int
  /// Bytes of weights, biases and scales the engine holds for its kernel.
  public let parameterBytes: Int

  private let inputQuantizer: Int8VectorQuantizer
  private let referenceLayers: [FullyConnectedLayer]
  private let packedLayers: [PackedFullyConnectedLayer]
  private let arena: UnsafeMutableRawPointer
  /// Two int8 activation buffers (reference kernel) of `width8` codes each.
  private let front8: UnsafeMutablePointer<Int8>
  private let back8: UnsafeMutablePointer<Int8>
  /// Two int16-held activation buffers (SIMD kernel); the last layer's codes stay in one of them.
  private let front16: UnsafeMutablePointer<Int16>
  private let back16: UnsafeMutablePointer<Int16>
  /// The reference kernel's output codes for the float and error entry points.
  private let codes: UnsafeMutablePointer<Int8>

  /// An engine for a validated model.
  public init(model: TFLiteModel, kernel: Kernel = .simd) throws(TFLiteError) {
    var layers: [FullyConnectedLayer] = []
    var firstInput = 0
    var lastOutput = 0
    for (index, op) in model.operators.enumerated() where op.kind.isFullyConnected {
      layers.append(try FullyConnectedLayer(model: model, operatorIndex: index))
      if layers.count == 1 { firstInput = op.inputs[0] }
      lastOutput = op.outputs[0]
    }
    self.init(
      layers: layers, input: try Int8Quantization(model.tensors[firstInput], index: firstInput),
      output: try Int8Quantization(model.tensors[lastOutput], index: lastOutput), kernel: kernel)
  }

  /// An engine for a `.tflite` file's bytes.
  public init(bytes: [UInt8], kernel: Kernel = .simd) throws(TFLiteError) {
    try self.init(model: try TFLiteModel(bytes: bytes), kernel: kernel)
  }

  /// An engine for layers whose widths chain, with the quantization of the first input and last output.
  public init(
    layers: [FullyConnectedLayer], input: Int8Quantization, output: Int8Quantization, kernel: Kernel = .simd
  ) {
    precondition(!layers.isEmpty, "an engine needs a layer")
    for index in layers.indices.dropFirst() {
      precondition(layers[index].inputCount == layers[index - 1].outputCount, "layer widths must chain")
    }
    self.kernel = kernel
    inputCount = layers[0].inputCount
    outputCount = layers[layers.count - 1].outputCount
    inputQuantization = input
    outputQuantization = output
    inputQuantizer = Int8VectorQuantizer(input)

    let packed = kernel == .simd ? layers.map { PackedFullyConnectedLayer($0) } : []
    referenceLayers = kernel == .reference ? layers : []
    packedLayers = packed
    parameterBytes =
      referenceLayers.reduce(0) { $0 + $1.weights.count + 4 * $1.bias.count + 8 * $1.effectiveScales.count }
      + packed.reduce(0) { $0 + 16 * $1.weights.count + 16 * $1.bias.count + 32 * $1.scales.count }

    let width8 = layers.reduce(inputCount) { max($0, $1.outputCount) }
    let width16 = packed.reduce((inputCount + 7) & ~7) { max($0, 8 * $1.quadCount, 16 * $1.groupCount) }
    let bytes8 = kernel == .reference ? 2 * width8 : 0
    let bytes16 = kernel == .simd ? 4 * width16 : 0
    let aligned = (bytes16 + bytes8 + 15) & ~15
    let codeBytes = kernel == .reference ? outputCount : 0
    arenaBytes = aligned + codeBytes
    arena = UnsafeMutableRawPointer.allocate(byteCount: arenaBytes, alignment: 16)
    arena.initializeMemory(as: UInt8.self, repeating: 0, count: arenaBytes)
    front16 = arena.bindMemory(to: Int16.self, capacity: bytes16 / 2)
    back16 = front16 + bytes16 / 4
    front8 = (arena + bytes16).bindMemory(to: Int8.self, capacity: bytes8)
    back8 = front8 + bytes8 / 2
    codes = (arena + aligned).bindMemory(to: Int8.self, capacity: codeBytes)
  }

  deinit {
    arena.deallocate()
  }

  /// Runs the model on one window of int8 codes (quantized with `inputQuantization`) and writes
  /// the int8 output codes.
  public mutating func invoke(
    _ input: UnsafeBufferPointer<Int8>, into output: UnsafeMutableBufferPointer<Int8>
  ) {
    precondition(
      input.count == inputCount && output.count == outputCount, "buffer sizes must match the model")
    switch kernel {
    case .reference:
      runReference(from: input.baseAddress!, into: output.baseAddress!)
    case .simd:
      Self.convert(input.baseAddress!, count: inputCount, into: front16)
      Self.convert(runPacked(), count: outputCount, into: output.baseAddress!)
    }
  }

  /// Runs the model on one window of real values: quantizes them, runs, and dequantizes the
  /// output (the model's QUANTIZE and DEQUANTIZE, also for int8-input models).
  public mutating func invoke(
    float input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(
      input.count == inputCount && output.count == outputCount, "buffer sizes must match the model")
    switch run(input) {
    case .int8(let codes): outputQuantization.dequantize(codes, into: output)
    case .int16(let codes): outputQuantization.dequantize(codes, into: output)
    }
  }

  /// The autoencoder's reconstruction error of one window: the mean over its values of
  /// (value − dequantized output)². Needs an output as wide as the input.
  public mutating func reconstructionError(_ input: UnsafeBufferPointer<Float>) -> Float {
    precondition(input.count == inputCount && outputCount == inputCount, "needs one window of an autoencoder")
    switch run(input) {
    case .int8(let codes): return outputQuantization.meanSquaredError(input, codes: codes)
    case .int16(let codes): return outputQuantization.meanSquaredError(input, codes: codes)
    }
  }

  /// Where a kernel leaves the output codes.
  private enum OutputCodes {
    /// In int8 storage (reference kernel).
    case int8(UnsafePointer<Int8>)
    /// In int16 storage (SIMD kernel).
    case int16(UnsafePointer<Int16>)
  }

  /// Quantizes `input` and runs the layers.
  private mutating func run(_ input: UnsafeBufferPointer<Float>) -> OutputCodes {
    switch kernel {
    case .reference:
      for index in 0..<inputCount { front8[index] = inputQuantization.quantize(input[index]) }
      runReference(from: front8, into: codes)
      return .int8(codes)
    case .simd:
      inputQuantizer.quantize(input, into: front16)
      return .int16(runPacked())
    }
  }

  /// The reference kernel over all layers, ping-ponging between the two int8 buffers.
  private func runReference(from input: UnsafePointer<Int8>, into target: UnsafeMutablePointer<Int8>) {
    var source = input
    for (index, layer) in referenceLayers.enumerated() {
      let destination =
        index == referenceLayers.count - 1 ? target : (source == UnsafePointer(back8) ? front8 : back8)
      layer.runReference(
        UnsafeBufferPointer(start: source, count: layer.inputCount),
        into: UnsafeMutableBufferPointer(start: destination, count: layer.outputCount))
      source = UnsafePointer(destination)
    }
  }

  /// The SIMD kernel over all layers from `front16`; returns the buffer holding the output codes.
  private func runPacked() -> UnsafePointer<Int16> {
    var (source, destination) = (front16, back16)
    for layer in packedLayers {
      layer.run(source, into: destination)
      swap(&source, &destination)
    }
    return UnsafePointer(source)
  }

  /// Copies `count` codes between int8 and int16 storage (every code is an int8), sixteen at a time.
  private static func convert<Source: FixedWidthInteger & SIMDScalar, Target: FixedWidthInteger & SIMDScalar>(
    _ input: UnsafePointer<Source>, count: Int, into output: UnsafeMutablePointer<Target>
  ) {
    var index = 0
    while index &+ 16 <= count {
      let codes = UnsafeRawPointer(input + index).loadUnaligned(as: SIMD16<Source>.self)
      UnsafeMutableRawPointer(output + index).storeBytes(
        of: SIMD16<Target>(truncatingIfNeeded: codes), as: SIMD16<Target>.self)
      index &+= 16
    }
    while index < count {
      output[index] = Target(truncatingIfNeeded: input[index])
      index &+= 1
    }
  }
}
