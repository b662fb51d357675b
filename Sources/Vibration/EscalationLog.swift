import Foundation

/// The lesson's escalation log: one JSON object per line (JSONL), read and written whole or appended.
public enum EscalationLog {
  /// Reads every record; blank lines are skipped, a bad line fails with its number.
  public static func read(at url: URL) throws(DatasetError) -> [EscalationRecord] {
    let text = String(decoding: try readBytes(url), as: UTF8.self)
    let decoder = JSONDecoder()
    var records = [EscalationRecord]()
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard !line.allSatisfy(\.isWhitespace) else { continue }
      do {
        records.append(try decoder.decode(EscalationRecord.self, from: Data(line.utf8)))
      } catch {
        throw DatasetError(file: url.path, location: .line(index + 1), problem: problem(for: error))
      }
    }
    return records
  }

  /// Writes the records, one line each, replacing the file.
  public static func write(_ records: [EscalationRecord], to url: URL) throws(DatasetError) {
    var text = ""
    for (index, record) in records.enumerated() {
      text += try line(for: record, file: url.path, lineNumber: index + 1) + "\n"
    }
    try writeBytes(Array(text.utf8), to: url)
  }

  /// Appends one record as a line, creating the file if needed.
  public static func append(_ record: EscalationRecord, to url: URL) throws(DatasetError) {
    let bytes = Data((try line(for: record, file: url.path, lineNumber: nil) + "\n").utf8)
    do {
      if !FileManager.default.fileExists(atPath: url.path) {
        try Data().write(to: url)
      }
      let handle = try FileHandle(forWritingTo: url)
      defer { try? handle.close() }
      try handle.seekToEnd()
      try handle.write(contentsOf: bytes)
    } catch {
      throw DatasetError(file: url.path, location: .file, problem: .unwritable(error.localizedDescription))
    }
  }

  /// The JSON line for a record (keys sorted, no newline); a non-finite number fails naming the line.
  static func line(for record: EscalationRecord, file: String, lineNumber: Int?) throws(DatasetError)
    -> String
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(record), as: UTF8.self)
    } catch {
      throw DatasetError(
        file: file, location: lineNumber.map { .line($0) } ?? .file,
        problem: .invalidField(
          name: "record", reason: "cannot be written as JSON (a NaN or infinite number?)"))
    }
  }

  /// Turns a decoding failure into the problem a user can act on.
  private static func problem(for error: any Error) -> DatasetError.Problem {
    guard let error = error as? DecodingError else { return .badJSON(error.localizedDescription) }
    func name(_ path: [any CodingKey]) -> String { path.map(\.stringValue).joined(separator: ".") }
    switch error {
    case .keyNotFound(let key, let context):
      return .missingField(name(context.codingPath + [key]))
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return .invalidField(name: name(context.codingPath), reason: "wrong type (\(context.debugDescription))")
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        let reason = (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
        return .badJSON(reason)
      }
      return .invalidField(name: name(context.codingPath), reason: context.debugDescription)
    @unknown default:
      return .badJSON(error.localizedDescription)
    }
  }
}
