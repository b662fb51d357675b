import Foundation

/// Runs another program to completion and captures what it prints (Python baselines, the CLI in tests).
struct Subprocess {
  /// Exit status, standard output and standard error of one run.
  struct Outcome: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `executable arguments…` and waits for it.
  static func run(_ executable: URL, _ arguments: [String]) throws -> Outcome {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    // Standard error goes to a file, so that neither stream can fill its pipe while the other is read.
    let errorsURL = FileManager.default.temporaryDirectory.appendingPathComponent("edgehybrid-\(UUID().uuidString).err")
    FileManager.default.createFile(atPath: errorsURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorsURL) }
    let errors = try FileHandle(forWritingTo: errorsURL)
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errors.close()
    let stderr = try Data(contentsOf: errorsURL)
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
