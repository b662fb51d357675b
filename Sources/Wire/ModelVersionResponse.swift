/// `GET /model/version` answer: what a device compares with its running model before downloading.
public struct ModelVersionResponse: Codable, Sendable, Equatable {
  /// Edge model version (the lesson's integer version).
  public var version: Int
  /// File name devices store it under (`model.tflite`).
  public var filename: String
  /// Size of the `.tflite` in bytes.
  public var sizeBytes: Int
  /// Lower-case hex SHA-256 of the `.tflite` bytes.
  public var sha256: String

  /// A version description.
  public init(version: Int, filename: String, sizeBytes: Int, sha256: String) {
    self.version = version
    self.filename = filename
    self.sizeBytes = sizeBytes
    self.sha256 = sha256
  }

  enum CodingKeys: String, CodingKey {
    case version, filename, sha256
    case sizeBytes = "size_bytes"
  }
}
