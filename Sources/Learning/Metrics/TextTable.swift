import Foundation

/// A plain-text table with aligned columns, for metrics on a terminal.
///
/// The first column is left-aligned (row names), the others right-aligned (numbers); a dashed rule
/// separates the header from the rows.
public struct TextTable: Equatable, Sendable, CustomStringConvertible {
  /// Column titles.
  public var header: [String]
  /// Cells, one array per row, as many as the header has columns.
  public var rows: [[String]]

  /// A table with `header` and optional initial `rows`.
  public init(header: [String], rows: [[String]] = []) {
    self.header = header
    self.rows = rows
  }

  /// Adds a row; it must have one cell per column.
  public mutating func append(_ row: [String]) {
    precondition(row.count == header.count, "row has \(row.count) cells, table has \(header.count) columns")
    rows.append(row)
  }

  /// The table as lines of text (no trailing newline).
  public var description: String {
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + padding : padding + cell
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }

  /// A number with `digits` decimals, or "-" when it is undefined.
  public static func format(_ value: Double?, digits: Int = 4) -> String {
    value.map { String(format: "%.\(digits)f", $0) } ?? "-"
  }
}
