import Foundation

/// A fresh directory under the system's temporary folder, removed when the test is done with it.
final class TemporaryDirectory {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "vibration-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// A file in the directory, optionally created with `text`.
  func file(_ name: String, text: String? = nil) -> URL {
    let file = url.appendingPathComponent(name)
    if let text { try! Data(text.utf8).write(to: file) }
    return file
  }

  /// A file in the directory created with `bytes`.
  func file(_ name: String, base64: String) -> URL {
    let file = url.appendingPathComponent(name)
    try! Data(base64Encoded: base64)!.write(to: file)
    return file
  }
}
