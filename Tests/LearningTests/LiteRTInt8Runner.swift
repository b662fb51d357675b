import Foundation
import Testing

/// Runs `scripts/litert_reference.py`: LiteRT's reference kernels on our `.tflite`, raw int8 in and out.
enum LiteRTInt8Runner {
  /// Set to 1 to skip the LiteRT interop tests on machines without `pip install ai-edge-litert numpy`.
  static let skipVariable = "EDGEHYBRID_SKIP_LITERT"
  /// Whether the interop tests run.
  static var enabled: Bool { ProcessInfo.processInfo.environment[skipVariable] != "1" }

  /// What LiteRT reported about the model it loaded, and its int8 outputs (rows back to back).
  struct Result {
    let report: [String: Any]
    let outputs: [Int8]
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  static func run(model: [UInt8], inputs: [Int8]) throws -> Result {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "edgehybrid-litert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let modelURL = directory.appendingPathComponent("model.tflite")
    let inputURL = directory.appendingPathComponent("input.i8")
    let outputURL = directory.appendingPathComponent("output.i8")
    try Data(model).write(to: modelURL)
    try Data(inputs.map { UInt8(bitPattern: $0) }).write(to: inputURL)
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/litert_reference.py")

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, modelURL.path, inputURL.path, outputURL.path]
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    do { try process.run() } catch {
      throw Failure(
        description: "cannot start python3 (\(error)): install Python 3, or set \(skipVariable)=1")
    }
    let reportData = stdout.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      if errorText.contains("No module named") || process.terminationStatus == 127 {
        throw Failure(
          description: "LiteRT is not installed: run `python3 -m pip install ai-edge-litert numpy` "
            + "(or set \(skipVariable)=1 to skip the interop tests). python3 said: \(errorText)")
      }
      throw Failure(description: "LiteRT refused or failed to run the model: \(errorText)")
    }
    let report = try JSONSerialization.jsonObject(with: reportData) as? [String: Any] ?? [:]
    let outputs = try Data(contentsOf: outputURL).map { Int8(bitPattern: $0) }
    return Result(report: report, outputs: outputs)
  }
}
