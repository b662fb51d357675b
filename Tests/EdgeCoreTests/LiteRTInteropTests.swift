import EdgeCore
import Foundation
import Testing

/// EdgeCore against the live LiteRT interpreter (reference kernels) on a thousand windows per
/// model. Needs `python3` with `ai-edge-litert`; without them the tests fail, unless
/// `EDGEHYBRID_SKIP_LITERT=1` is set.
@Suite(.serialized, .disabled(if: LiteRTReference.skipped, "EDGEHYBRID_SKIP_LITERT=1"))
struct LiteRTInteropTests {
  static let windows = 1_000

  @Test(arguments: ConverterFixture.int8)
  func int8OutputsAreBitIdenticalToLiveLiteRT(_ fixture: ConverterFixture) throws {
    var random = SeededGenerator(seed: 2024)
    let engineForShape = try InferenceEngine(bytes: fixture.model)
    let width = engineForShape.inputCount
    let recorded = fixture.input.int8
    // Half the windows are recorded windows with noise, half uniform codes (saturating every layer).
    let inputs: [Int8] = (0..<Self.windows).flatMap { window -> [Int8] in
      let row = window % (recorded.count / width)
      return (0..<width).map { index in
        window % 2 == 0
          ? Int8(clamping: Int(recorded[row * width + index]) + Int.random(in: -6...6, using: &random))
          : Int8.random(in: .min ... .max, using: &random)
      }
    }
    let liteRT = try LiteRTReference.run(
      model: fixture.modelPath, input: inputs.map { UInt8(bitPattern: $0) }
    ).int8
    for kernel in [InferenceEngine.Kernel.reference, .simd] {
      var engine = try InferenceEngine(bytes: fixture.model, kernel: kernel)
      var output = [Int8](repeating: 0, count: engine.outputCount)
      var differing = 0
      for window in 0..<Self.windows {
        inputs[window * width..<(window + 1) * width].withUnsafeBufferPointer { input in
          output.withUnsafeMutableBufferPointer { engine.invoke(input, into: $0) }
        }
        differing += zip(output, liteRT[(window * output.count)...]).filter { $0 != $1 }.count
      }
      #expect(liteRT.count == Self.windows * output.count)
      #expect(differing == 0, "\(kernel) differs from LiteRT in \(differing) values")
    }
  }

  @Test func floatOutputsAreBitIdenticalToLiveLiteRT() throws {
    let fixture = ConverterFixture.float
    var random = SeededGenerator(seed: 2025)
    let recorded = fixture.input.floats
    let width = 300
    let inputs: [Float] = (0..<Self.windows * width).map { index in
      recorded[index % recorded.count] * Float.random(in: 0.5...1.5, using: &random)
        + Float.random(in: -0.2...0.2, using: &random)
    }
    let bytes = inputs.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
    let liteRT = try LiteRTReference.run(model: fixture.modelPath, input: bytes).floats
    var engine = try InferenceEngine(bytes: fixture.model)
    var output = [Float](repeating: 0, count: engine.outputCount)
    var differing = 0
    for window in 0..<Self.windows {
      inputs[window * width..<(window + 1) * width].withUnsafeBufferPointer { input in
        output.withUnsafeMutableBufferPointer { engine.invoke(float: input, into: $0) }
      }
      differing += zip(output, liteRT[(window * width)...]).filter { $0.bitPattern != $1.bitPattern }.count
    }
    #expect(liteRT.count == Self.windows * width)
    #expect(differing == 0)
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
