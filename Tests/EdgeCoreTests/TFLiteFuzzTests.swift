import EdgeCore
import Testing

/// Thousands of corrupted converter-made models: each must be refused with a `TFLiteError` or,
/// when it still validates, run on both kernels with identical results and no NaN.
@Suite struct TFLiteFuzzTests {
  static let trialsPerFixture = 1_500

  @Test(arguments: ConverterFixture.all)
  func corruptedModelsAreRefusedOrRunSafely(_ fixture: ConverterFixture) throws {
    var random = SplitMix64(seed: UInt64(fixture.model.count))
    let original = try TFLiteModel(bytes: fixture.model)
    let structure = Self.structureBytes(of: original, count: fixture.model.count)
    var (refused, ran) = (0, 0)
    for _ in 0..<Self.trialsPerFixture {
      let bytes = Self.corrupt(fixture.model, structure: structure, using: &random)
      do {
        try Self.runBothKernels(TFLiteModel(bytes: bytes))
        ran += 1
      } catch {
        refused += 1
      }
    }
    #expect(refused > Self.trialsPerFixture / 10 && ran > Self.trialsPerFixture / 10)
  }

  /// Positions outside the constant data, where corruption hits the flatbuffer's structure.
  static func structureBytes(of model: TFLiteModel, count: Int) -> [Int] {
    var isData = [Bool](repeating: false, count: count)
    for tensor in model.tensors { for index in tensor.data.indices { isData[index] = true } }
    return isData.indices.filter { !isData[$0] }
  }

  /// One of: a truncation, flipped bits, or overwritten words (often with boundary values),
  /// mostly in the structure.
  static func corrupt(_ bytes: [UInt8], structure: [Int], using random: inout SplitMix64) -> [UInt8] {
    var copy = bytes
    func position() -> Int {
      Bool.random(using: &random)
        ? structure.randomElement(using: &random)! : Int.random(in: 0..<copy.count, using: &random)
    }
    switch Int.random(in: 0..<4, using: &random) {
    case 0:
      copy.removeLast(Int.random(in: 1...copy.count, using: &random))
    case 1:
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        copy[position()] ^= 1 << UInt8.random(in: 0..<8, using: &random)
      }
    default:
      let boundaries: [UInt32] = [
        0, 1, 2, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, UInt32(copy.count),
      ]
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        let at = min(position(), copy.count - 4)
        let word =
          Bool.random(using: &random) ? boundaries.randomElement(using: &random)! : random.next() as UInt32
        copy = copy.patching(word, at: at)
      }
    }
    return copy
  }

  /// Runs a window through both kernels, int8 and float entry points, and checks they agree.
  static func runBothKernels(_ model: TFLiteModel) throws(TFLiteError) {
    var reference = try InferenceEngine(model: model, kernel: .reference)
    var simd = try InferenceEngine(model: model, kernel: .simd)
    let codes = (0..<reference.inputCount).map { Int8(truncatingIfNeeded: $0 &* 37) }
    var outputs = (
      [Int8](repeating: 0, count: reference.outputCount), [Int8](repeating: 0, count: simd.outputCount)
    )
    codes.withUnsafeBufferPointer { input in
      outputs.0.withUnsafeMutableBufferPointer { reference.invoke(input, into: $0) }
      outputs.1.withUnsafeMutableBufferPointer { simd.invoke(input, into: $0) }
    }
    #expect(outputs.0 == outputs.1)
    let values = (0..<reference.inputCount).map { Float($0 % 19) * 0.37 - 3 }
    var reals = (
      [Float](repeating: 0, count: reference.outputCount), [Float](repeating: 0, count: simd.outputCount)
    )
    values.withUnsafeBufferPointer { input in
      reals.0.withUnsafeMutableBufferPointer { reference.invoke(float: input, into: $0) }
      reals.1.withUnsafeMutableBufferPointer { simd.invoke(float: input, into: $0) }
    }
    #expect(reals.0.map(\.bitPattern) == reals.1.map(\.bitPattern) && reals.0.allSatisfy(\.isFinite))
    if reference.inputCount == reference.outputCount {
      let errors = values.withUnsafeBufferPointer {
        (reference.reconstructionError($0), simd.reconstructionError($0))
      }
      #expect(errors.0.bitPattern == errors.1.bitPattern && !errors.0.isNaN)
    }
  }
}
