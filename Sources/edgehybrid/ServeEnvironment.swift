import ArgumentParser
import CloudServer
import Foundation
import Logging

/// Settings that come from a flag, else an `EDGEHYBRID_*` environment variable, else a default.
enum ServeEnvironment {
  /// The value of `EDGEHYBRID_<name>`, when set and not empty.
  static func value(_ name: String) -> String? {
    guard let value = ProcessInfo.processInfo.environment["EDGEHYBRID_\(name)"], !value.isEmpty else {
      return nil
    }
    return value
  }

  /// A boolean variable: 1/true/yes/on.
  static func flag(_ name: String) -> Bool {
    guard let value = value(name)?.lowercased() else { return false }
    return ["1", "true", "yes", "on"].contains(value)
  }

  /// An integer variable; a malformed value is an error naming the variable.
  static func integer(_ name: String) throws -> Int? {
    guard let text = value(name) else { return nil }
    guard let number = Int(text) else {
      throw ValidationError("EDGEHYBRID_\(name) must be an integer, got '\(text)'")
    }
    return number
  }
}

/// `--data-dir`, shared by every command that works on a server's data directory.
struct DataDirectoryOption: ParsableArguments {
  @Option(
    name: .customLong("data-dir"),
    help:
      "Server data directory (database, keys, models). Env: EDGEHYBRID_DATA_DIR. Default: ./edgehybrid-data")
  var path: String?

  /// The directory to use.
  var url: URL {
    URL(fileURLWithPath: path ?? ServeEnvironment.value("DATA_DIR") ?? "edgehybrid-data", isDirectory: true)
  }

  /// Opens it (creating it on first use).
  func open() throws -> DataDirectory { try DataDirectory(url) }
}
