/// Columns of text aligned for a terminal: a header, a rule, rows.
struct TextTable {
  let header: [String]
  let rows: [[String]]

  /// The table, one line a row, columns padded to their widest cell.
  var text: String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
    }
    return
      ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
      + rows.map(line)).joined(separator: "\n")
  }
}
