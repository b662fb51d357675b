import Foundation
import Testing

/// Runs the built `edgehybrid` binary (next to the test bundle) and captures what it prints.
struct CommandLineTool {
  /// Exit status, standard output and standard error of one run.
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The `edgehybrid` executable in the build products directory.
  static func executable() throws -> URL {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for directory in [products, products.deletingLastPathComponent()] {
      let candidate = directory.appendingPathComponent("edgehybrid")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw CommandLineToolError(description: "edgehybrid not found next to \(products.path); build it with the tests")
  }

  /// Runs `edgehybrid arguments…` to completion.
  static func run(_ arguments: [String]) throws -> Outcome {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

/// The binary could not be found.
struct CommandLineToolError: Error, CustomStringConvertible {
  var description: String
}

/// A fresh directory under the system's temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgehybrid-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
