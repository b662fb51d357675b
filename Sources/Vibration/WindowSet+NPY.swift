import Foundation

extension WindowSet {
  /// Reads windows from a 2-D `.npy` file and, when given, labels from a 1-D one of the same length.
  public static func readNPY(
    windowsAt windowsURL: URL, labelsAt labelsURL: URL? = nil, format: WindowFormat? = nil
  ) throws(DatasetError) -> WindowSet {
    let matrix = try NPYFile.readMatrix(at: windowsURL)
    guard matrix.rows > 0, matrix.columns > 0 else {
      throw DatasetError(file: windowsURL.path, location: .file, problem: .empty)
    }
    if let format, format.valuesPerWindow != matrix.columns {
      throw DatasetError(
        file: windowsURL.path, location: .file,
        problem: .wrongColumnCount(expected: format.valuesPerWindow, found: matrix.columns))
    }
    var labels: [UInt8]?
    if let labelsURL {
      labels = try NPYFile.readLabels(at: labelsURL)
      guard labels!.count == matrix.rows else {
        throw DatasetError(
          file: labelsURL.path, location: .file,
          problem: .lengthMismatch(expected: matrix.rows, found: labels!.count))
      }
    }
    return WindowSet(width: matrix.columns, values: matrix.values, labels: labels, format: format)
  }

  /// Writes the windows as a float32 `.npy` matrix and, when labelled and asked, the labels as uint8.
  public func writeNPY(windowsTo windowsURL: URL, labelsTo labelsURL: URL? = nil) throws(DatasetError) {
    try NPYFile.writeMatrix(values, rows: count, columns: width, to: windowsURL)
    if let labelsURL, let labels { try NPYFile.writeVector(labels, to: labelsURL) }
  }
}
