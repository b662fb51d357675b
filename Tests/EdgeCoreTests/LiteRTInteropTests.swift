import EdgeCore
import Foundation
import Testing

/// EdgeCore against the live LiteRT interpreter (reference kernels) on a thousand windows per
/// model, for every `.tflite` under `Tests/Fixtures` (the converter-made fixtures and any model
/// of our own committed there). Needs `python3` with `ai-edge-litert`; without them the tests
/// fail, unless `EDGEHYBRID_SKIP_LITERT=1` is set.
@Suite(.serialized, .disabled(if: LiteRTReference.skipped, "EDGEHYBRID_SKIP_LITERT=1"))
struct LiteRTInteropTests {
  static let windows = 1_000

  /// Every model file under `Tests/Fixtures`.
  static let models: [String] = {
    let root = ConverterFixture.directory.deletingLastPathComponent()
    let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap {
      $0 as? URL
    }
    return (files ?? []).filter { $0.pathExtension == "tflite" }.map(\.path).sorted()
  }()

  @Test func everyConverterFixtureIsCovered() {
    #expect(ConverterFixture.all.allSatisfy { Self.models.contains($0.modelPath) })
  }

  @Test(arguments: models)
  func outputsAreBitIdenticalToLiveLiteRT(_ path: String) throws {
    let model = try TFLiteModel(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    let floatInput = model.tensors[model.inputTensor].type == .float32
    let floatOutput = model.tensors[model.outputTensor].type == .float32
    let probe = try InferenceEngine(model: model)
    let (width, outputWidth, quantization) = (probe.inputCount, probe.outputCount, probe.inputQuantization)
    let values = Self.windows(width: width, quantization: quantization)
    let input =
      floatInput
      ? values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
      : values.map { UInt8(bitPattern: quantization.quantize($0)) }
    let liteRT = try LiteRTReference.run(model: path, input: input)
    #expect(liteRT.count == Self.windows * outputWidth * (floatOutput ? 4 : 1))
    for kernel in [InferenceEngine.Kernel.reference, .simd] {
      var engine = try InferenceEngine(model: model, kernel: kernel)
      var differing = 0
      for window in 0..<Self.windows {
        let rows = window * width..<(window + 1) * width
        if floatOutput {
          var output = [Float](repeating: 0, count: outputWidth)
          values[rows].withUnsafeBufferPointer { row in
            output.withUnsafeMutableBufferPointer { engine.invoke(float: row, into: $0) }
          }
          let expected = Array(liteRT[window * outputWidth * 4..<(window + 1) * outputWidth * 4]).floats
          differing += zip(output, expected).filter { $0.bitPattern != $1.bitPattern }.count
        } else {
          var output = [Int8](repeating: 0, count: outputWidth)
          input[rows].map { Int8(bitPattern: $0) }.withUnsafeBufferPointer { row in
            output.withUnsafeMutableBufferPointer { engine.invoke(row, into: $0) }
          }
          let expected = liteRT[window * outputWidth..<(window + 1) * outputWidth].map {
            Int8(bitPattern: $0)
          }
          differing += zip(output, expected).filter { $0 != $1 }.count
        }
      }
      #expect(differing == 0, "\(kernel) differs from LiteRT in \(differing) values")
    }
  }

  /// `windows` rows of real values: vibration-like sums of sines with noise, every fourth row
  /// spanning the whole int8 range of the input (so that layers saturate too).
  static func windows(width: Int, quantization: Int8Quantization) -> [Float] {
    var random = SplitMix64(seed: UInt64(width))
    return (0..<windows).flatMap { window -> [Float] in
      let spread = window % 4 == 0 ? 140 * quantization.scale : Float.random(in: 0.5...3, using: &random)
      let frequency = Float.random(in: 0.05...0.6, using: &random)
      return (0..<width).map { index in
        spread * sin(frequency * Float(index)) + Float.random(in: -0.3...0.3, using: &random) * spread
          + Float(quantization.zeroPoint) * quantization.scale * (window % 4 == 0 ? -1 : 0)
      }
    }
  }
}

/// Runs `scripts/litert_reference.py` (LiteRT, BUILTIN_REF kernels) on rows of input bytes.
enum LiteRTReference {
  /// Whether the environment asks to skip LiteRT (`EDGEHYBRID_SKIP_LITERT=1`).
  static let skipped = ProcessInfo.processInfo.environment["EDGEHYBRID_SKIP_LITERT"] == "1"
  /// The repository's `scripts/litert_reference.py`.
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scripts/litert_reference.py")

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// LiteRT's outputs for `input` (rows in the model's input type) through `model`.
  static func run(model: String, input: [UInt8]) throws -> [UInt8] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("litert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let (inPath, outPath) = (
      folder.appendingPathComponent("in.bin"), folder.appendingPathComponent("out.bin")
    )
    try Data(input).write(to: inPath)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, model, inPath.path, outPath.path]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw Failure(description: "cannot start python3 (\(error)); \(advice)")
    }
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "litert_reference.py failed (\(process.terminationStatus)): \(message)\n\(advice)")
    }
    return [UInt8](try Data(contentsOf: outPath))
  }

  static let advice =
    "the LiteRT interop tests need python3 with ai-edge-litert (pip install -r scripts/requirements-test.txt, "
    + "or pip install ai-edge-litert==2.3.0 numpy); set EDGEHYBRID_SKIP_LITERT=1 to skip them"
}
