/// A dense row-major matrix of `Float`: the one tensor type training and evaluation pass around.
///
/// Row `r` holds one sample (a window's features, a layer's activations); `values[r * cols + c]`.
public struct Matrix: Equatable, Sendable {
  /// Number of rows (samples).
  public let rows: Int
  /// Number of columns (features per sample).
  public let cols: Int
  /// The elements, row after row.
  public var values: [Float]

  /// A zero-filled `rows × cols` matrix.
  public init(rows: Int, cols: Int) {
    precondition(rows >= 0 && cols >= 0, "Matrix dimensions must not be negative: \(rows)×\(cols)")
    self.rows = rows
    self.cols = cols
    self.values = [Float](repeating: 0, count: rows * cols)
  }

  /// A `rows × cols` matrix over row-major `values` (their count must be `rows * cols`).
  public init(rows: Int, cols: Int, values: [Float]) {
    precondition(rows >= 0 && cols >= 0, "Matrix dimensions must not be negative: \(rows)×\(cols)")
    precondition(
      values.count == rows * cols, "Matrix \(rows)×\(cols) needs \(rows * cols) values, got \(values.count)")
    self.rows = rows
    self.cols = cols
    self.values = values
  }

  /// A matrix whose rows are the given equally long arrays.
  public init(rowArrays: [[Float]]) {
    let cols = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == cols }, "All rows of a Matrix must have \(cols) values")
    self.init(rows: rowArrays.count, cols: cols, values: rowArrays.flatMap { $0 })
  }

  /// The element at `row`, `col`.
  public subscript(row: Int, col: Int) -> Float {
    get { values[row * cols + col] }
    set { values[row * cols + col] = newValue }
  }

  /// The values of one row.
  public func row(_ index: Int) -> ArraySlice<Float> {
    values[index * cols..<(index + 1) * cols]
  }

  /// The rows at `indices`, in that order (a subset or a reordering of the samples).
  public func rows(at indices: some Sequence<Int>) -> Matrix {
    var picked: [Float] = []
    var count = 0
    for index in indices {
      picked.append(contentsOf: row(index))
      count += 1
    }
    return Matrix(rows: count, cols: cols, values: picked)
  }
}
