import Crypto
import Foundation

/// Where registered model files live, named by their SHA-256 so a file is never overwritten:
/// `<data>/models/edge/<sha256>.tflite` and `<data>/models/cloud/<sha256>.<ext>`.
public struct ModelFiles: Sendable {
  /// The file name devices are told (the lesson's `model.tflite`).
  public static let servedFileName = "model.tflite"

  /// The data directory.
  public let dataDirectory: URL

  /// Model files under `dataDirectory`.
  public init(dataDirectory: URL) {
    self.dataDirectory = dataDirectory
  }

  /// The `.tflite` with this SHA-256.
  public func edgeModelURL(sha256: String) -> URL {
    dataDirectory.appendingPathComponent("models/edge/\(sha256).tflite")
  }

  /// A cloud weights file by its stored name.
  public func cloudModelURL(fileName: String) -> URL {
    dataDirectory.appendingPathComponent("models/cloud/\(fileName)")
  }

  /// Stores edge model bytes; returns their SHA-256.
  public func storeEdgeModel(_ bytes: Data) throws -> String {
    let sha256 = Self.sha256(bytes)
    try Self.write(bytes, to: edgeModelURL(sha256: sha256))
    return sha256
  }

  /// Stores a cloud weights file; returns its stored name (`<sha256>.<ext>`).
  public func storeCloudModel(_ bytes: Data, extension fileExtension: String) throws -> String {
    let name = "\(Self.sha256(bytes)).\(fileExtension)"
    try Self.write(bytes, to: cloudModelURL(fileName: name))
    return name
  }

  /// Reads edge model bytes and checks they still hash to `sha256`.
  public func readEdgeModel(sha256: String) throws -> Data {
    let url = edgeModelURL(sha256: sha256)
    let bytes = try Data(contentsOf: url)
    guard Self.sha256(bytes) == sha256 else {
      throw RegistryError.invalidModel("\(url.path) no longer matches its SHA-256; restore it from a backup")
    }
    return bytes
  }

  /// Lower-case hex SHA-256 of bytes.
  public static func sha256(_ bytes: Data) -> String { Hex.encode(SHA256.hash(data: bytes)) }

  private static func write(_ bytes: Data, to url: URL) throws {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    if !FileManager.default.fileExists(atPath: url.path) { try bytes.write(to: url, options: .atomic) }
  }
}
