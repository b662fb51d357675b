import Foundation

/// Finds the repository's helper scripts (LiteRT and Keras baselines) from the running binary.
enum RepositoryScripts {
  /// What went wrong looking for or running a script.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The path of `scripts/<name>`, searched upwards from the executable, then from the working directory.
  static func path(_ name: String) throws -> String {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let starts = [executable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
    for start in starts {
      var directory = start
      for _ in 0..<6 {
        let candidate = directory.appendingPathComponent("scripts").appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
        directory = directory.deletingLastPathComponent()
      }
    }
    throw Failure(description: "scripts/\(name) not found near \(executable.path) or the working directory; run from the repository.")
  }

  /// Runs `python3 scripts/<name> arguments…` and returns its standard output; fails with its standard error.
  static func runPython(_ name: String, arguments: [String]) throws -> String {
    let outcome = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", try path(name)] + arguments)
    guard outcome.status == 0 else {
      let lines = outcome.stderr.split(separator: "\n").suffix(3).joined(separator: " | ")
      throw Failure(description: "python3 scripts/\(name) exited with \(outcome.status): \(lines)")
    }
    return outcome.stdout
  }
}
