import Foundation

/// A byte-level CSV scanner for numeric window files: fast on large files, exact on every value.
///
/// Numbers are read with the C library's correctly rounded `strtof`, so a written `Float.description`
/// reads back to the identical bits.
struct CSVParser {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let file: String
  private var position = 0
  private var line = 1

  /// A parser over `bytes`, which must end with a NUL byte.
  init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
    precondition(bytes.last == 0, "the buffer must be NUL-terminated")
    self.bytes = bytes
    self.file = file
    if bytes.count >= 4 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
  }

  /// Parses the whole file into windows.
  mutating func parse(labelColumn: CSVLabelColumn, width: Int?) throws(DatasetError) -> WindowSet {
    skipBlankLines()
    var labelled = labelColumn == .first
    var columns: Int?
    if let header = readHeaderIfPresent() {
      columns = header.count
      if labelColumn == .detect { labelled = header.first?.lowercased() == "label" }
    }
    var values = [Float]()
    var labels = [UInt8]()
    var row = [Float]()
    skipBlankLines()
    while bytes[position] != 0 {
      row.removeAll(keepingCapacity: true)
      let rowLine = line
      try readRow(into: &row)
      if columns == nil {
        columns = row.count
        if labelColumn == .detect, let width { labelled = row.count == width + 1 }
      }
      let expected = columns!
      guard row.count == expected else {
        throw error(.wrongColumnCount(expected: expected, found: row.count), line: rowLine)
      }
      if let width, expected - (labelled ? 1 : 0) != width {
        throw error(.wrongColumnCount(expected: width + (labelled ? 1 : 0), found: expected), line: rowLine)
      }
      if labelled {
        guard row[0] == 0 || row[0] == 1 else { throw error(.badLabel(row[0].description), line: rowLine) }
        labels.append(UInt8(row[0]))
        values.append(contentsOf: row[1...])
      } else {
        values.append(contentsOf: row)
      }
      skipBlankLines()
    }
    guard let columns, columns > (labelled ? 1 : 0), !values.isEmpty else {
      throw DatasetError(file: file, location: .file, problem: .empty)
    }
    return WindowSet(width: columns - (labelled ? 1 : 0), values: values, labels: labelled ? labels : nil)
  }

  /// The header's names when the first line's first cell is not a number, consuming that line.
  private mutating func readHeaderIfPresent() -> [String]? {
    skipSpaces()
    let start = position
    let startsWithNumber = parseNumber() != nil && isCellEnd(afterSpacesFrom: position)
    position = start
    if startsWithNumber { return nil }
    var end = position
    while bytes[end] != 0 && bytes[end] != UInt8(ascii: "\n") { end += 1 }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
    position = end
    consumeLineEnd()
    return text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"")))
    }
  }

  /// Reads one row's numbers, leaving the position at the start of the next line.
  private mutating func readRow(into row: inout [Float]) throws(DatasetError) {
    while true {
      skipSpaces()
      let cellStart = position
      guard let value = parseNumber(), isCellEnd(afterSpacesFrom: position) else {
        throw error(.notANumber(column: row.count + 1, text: cellText(from: cellStart)), line: line)
      }
      guard value.isFinite else {
        throw error(.nonFinite(column: row.count + 1, text: cellText(from: cellStart)), line: line)
      }
      row.append(value)
      skipSpaces()
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      consumeLineEnd()
      return
    }
  }

  /// Parses a number at the position with `strtof`, advancing past it; nil when none starts here.
  private mutating func parseNumber() -> Float? {
    let first = bytes[position]
    guard first != 0, first != UInt8(ascii: ","), !isSpaceOrNewline(first) else { return nil }
    let start = bytes.baseAddress! + position
    return start.withMemoryRebound(to: CChar.self, capacity: bytes.count - position) { text in
      var end: UnsafeMutablePointer<CChar>?
      let value = strtof(text, &end)
      guard let end, end != UnsafeMutablePointer(mutating: text) else { return nil }
      position += UnsafePointer(end) - text
      return value
    }
  }

  /// Whether a cell ends at `index` after optional spaces (comma, line end or end of file).
  private func isCellEnd(afterSpacesFrom index: Int) -> Bool {
    var index = index
    while bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
    let byte = bytes[index]
    return byte == 0 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
  }

  /// The text of the cell starting at `start`, for error messages.
  private func cellText(from start: Int) -> String {
    var end = start
    while ![0, UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[end]) { end += 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
      .trimmingCharacters(in: .whitespaces)
  }

  private mutating func skipSpaces() {
    while bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
  }

  /// Skips lines holding nothing but spaces.
  private mutating func skipBlankLines() {
    while true {
      var index = position
      while bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
        || bytes[index] == UInt8(ascii: "\r")
      {
        index += 1
      }
      guard bytes[index] == UInt8(ascii: "\n") else { return }
      position = index + 1
      line += 1
    }
  }

  /// Moves past `\r\n` or `\n` (or stays at the end of the file).
  private mutating func consumeLineEnd() {
    if bytes[position] == UInt8(ascii: "\r") { position += 1 }
    if bytes[position] == UInt8(ascii: "\n") {
      position += 1
      line += 1
    }
  }

  private func isSpaceOrNewline(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
      || byte == UInt8(ascii: "\r")
  }

  private func error(_ problem: DatasetError.Problem, line: Int) -> DatasetError {
    DatasetError(file: file, location: .line(line), problem: problem)
  }
}
