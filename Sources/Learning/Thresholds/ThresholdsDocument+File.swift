import Foundation

/// A thresholds file that could not be read or written.
public struct ThresholdsFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file.
  public var path: String
  /// What is wrong with it.
  public var problem: String

  /// What went wrong and where.
  public var description: String { "thresholds file \(path): \(problem)" }
}

extension ThresholdsDocument {
  /// The document as JSON, keys sorted so that equal documents give equal bytes.
  public func jsonData() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // A document holds only finite numbers and strings, which always encode.
    return try! encoder.encode(self)
  }

  /// Parses and validates JSON; `source` names the origin in error messages.
  public init(jsonData: Data, source: String) throws(ThresholdsFileError) {
    do {
      self = try JSONDecoder().decode(ThresholdsDocument.self, from: jsonData)
    } catch let error as DecodingError {
      throw ThresholdsFileError(path: source, problem: describe(error))
    } catch {
      throw ThresholdsFileError(path: source, problem: "\(error)")
    }
    do {
      _ = try zoneThresholds()
    } catch {
      throw ThresholdsFileError(
        path: source,
        problem:
          "low_threshold \(lowThreshold) and high_threshold \(highThreshold) must be finite with low ≤ high")
    }
  }

  /// Reads a thresholds JSON file.
  public init(contentsOf url: URL) throws(ThresholdsFileError) {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ThresholdsFileError(path: url.path, problem: "cannot read it (\(error.localizedDescription))")
    }
    try self.init(jsonData: data, source: url.path)
  }

  /// Writes the document as JSON, atomically.
  public func write(to url: URL) throws(ThresholdsFileError) {
    do {
      try jsonData().write(to: url, options: .atomic)
    } catch {
      throw ThresholdsFileError(path: url.path, problem: "cannot write it (\(error.localizedDescription))")
    }
  }
}

/// One line naming the JSON path of a decoding failure and what was wrong there.
private func describe(_ error: DecodingError) -> String {
  func path(_ context: DecodingError.Context) -> String {
    let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
    return keys.isEmpty ? "top level" : keys.joined(separator: ".")
  }
  switch error {
  case .keyNotFound(let key, let context):
    return "missing key '\(key.stringValue)' at \(path(context))"
  case .typeMismatch(let type, let context):
    return "\(path(context)) is not a \(type): \(context.debugDescription)"
  case .valueNotFound(let type, let context):
    return "\(path(context)) is null, expected \(type)"
  case .dataCorrupted(let context):
    return "invalid JSON at \(path(context)): \(context.debugDescription)"
  @unknown default:
    return "\(error)"
  }
}
