import Foundation

/// Whether a CSV file's first column is a label.
public enum CSVLabelColumn: Sendable {
  /// No label column: every column is a window value.
  case absent
  /// The first column is the label (0 normal, 1 anomaly).
  case first
  /// A header whose first name is `label` says so; without a header, a row one longer than the
  /// expected width says so; otherwise there is no label.
  case detect
}

extension WindowSet {
  /// Reads a CSV file of one window per row; a header row is detected (its first cell is not a number).
  ///
  /// `width`, when given, is the expected number of values per window.
  public static func readCSV(
    at url: URL, labelColumn: CSVLabelColumn = .detect, width: Int? = nil, format: WindowFormat? = nil
  ) throws(DatasetError) -> WindowSet {
    var bytes = try readBytes(url)
    bytes.append(0)
    let expected = width ?? format?.valuesPerWindow
    var parsed = try bytes.withUnsafeBufferPointer { buffer throws(DatasetError) in
      var parser = CSVParser(bytes: buffer, file: url.path)
      return try parser.parse(labelColumn: labelColumn, width: expected)
    }
    if let format, parsed.width == format.valuesPerWindow { parsed.format = format }
    return parsed
  }

  /// Writes one window per row, `label` first when the set is labelled, after a header row if asked.
  public func writeCSV(to url: URL, header: Bool = true) throws(DatasetError) {
    var text = [UInt8]()
    text.reserveCapacity(values.count * 14)
    if header {
      let names = (labels == nil ? [] : ["label"]) + (0..<width).map(columnName)
      text.append(contentsOf: names.joined(separator: ",").utf8)
      text.append(UInt8(ascii: "\n"))
    }
    for index in 0..<count {
      if let labels {
        text.append(contentsOf: String(labels[index]).utf8)
        text.append(UInt8(ascii: ","))
      }
      for (column, value) in row(index).enumerated() {
        guard value.isFinite else {
          throw DatasetError(
            file: url.path, location: .line(index + (header ? 2 : 1)),
            problem: .nonFinite(column: column + 1 + (labels == nil ? 0 : 1), text: value.description))
        }
        if column > 0 { text.append(UInt8(ascii: ",")) }
        text.append(contentsOf: value.description.utf8)
      }
      text.append(UInt8(ascii: "\n"))
    }
    try writeBytes(text, to: url)
  }

  /// Header name of a value column: axis letter and sample index (`x0, y0, z0, x1, …`) when the format is known.
  private func columnName(_ column: Int) -> String {
    guard let axes = format?.axes else { return "v\(column)" }
    let axis = column % axes
    let name = axis < 3 ? ["x", "y", "z"][axis] : "a\(axis)"
    return "\(name)\(column / axes)"
  }
}
