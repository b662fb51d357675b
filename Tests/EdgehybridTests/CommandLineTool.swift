import Foundation
import Testing

@testable import edgehybrid

/// Runs the built `edgehybrid` binary (next to the test bundle) and captures what it prints.
enum CommandLineTool {
  /// The `edgehybrid` executable in the build products directory.
  static func executable() throws -> URL {
    let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for directory in [products, products.deletingLastPathComponent()] {
      let candidate = directory.appendingPathComponent("edgehybrid")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw RepositoryScripts.Failure(
      description: "edgehybrid not found next to \(products.path); build it with the tests")
  }

  /// Runs `edgehybrid arguments…` to completion.
  static func run(_ arguments: [String]) throws -> Subprocess.Outcome {
    try Subprocess.run(try executable(), arguments)
  }
}

/// A fresh directory under the system's temporary directory, removed by the caller.
func makeTemporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgehybrid-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
