/// The products and elementwise steps of a dense layer, on whole matrices (the trainer uses the same
/// kernels on raw buffers).
extension Matrix {
  /// `self · otherᵀ` (`rows × other.rows`): a layer's forward pass with weights stored `outputs × inputs`.
  public func multiplied(byTransposeOf other: Matrix) -> Matrix {
    precondition(cols == other.cols, "A·Bᵀ needs equal column counts, got \(cols) and \(other.cols)")
    var result = Matrix(rows: rows, cols: other.rows)
    if result.values.isEmpty || cols == 0 { return result }
    withPointers(self, other, &result) { a, b, c in
      MatrixKernels.multiplyTransposed(m: rows, n: other.rows, k: cols, a, cols, b, other.cols, c, other.rows)
    }
    return result
  }

  /// `self · other` (`rows × other.cols`): propagating a gradient back through a layer's weights.
  public func multiplied(by other: Matrix) -> Matrix {
    precondition(cols == other.rows, "A·B needs A's columns (\(cols)) to equal B's rows (\(other.rows))")
    var result = Matrix(rows: rows, cols: other.cols)
    if result.values.isEmpty || cols == 0 { return result }
    withPointers(self, other, &result) { a, b, c in
      MatrixKernels.multiply(
        m: rows, n: other.cols, k: cols, a, aRowStride: cols, aColStride: 1, b, other.cols, c, other.cols,
        accumulate: false)
    }
    return result
  }

  /// `self += aᵀ · b`: accumulating a weight gradient from a batch's output gradients `a` and inputs `b`.
  public mutating func addProduct(transposing a: Matrix, with b: Matrix) {
    precondition(a.rows == b.rows, "Aᵀ·B needs equal row counts, got \(a.rows) and \(b.rows)")
    precondition(rows == a.cols && cols == b.cols, "Aᵀ·B is \(a.cols)×\(b.cols), target is \(rows)×\(cols)")
    if values.isEmpty || a.rows == 0 { return }
    let (m, n, k) = (rows, cols, a.rows)
    withPointers(a, b, &self) { a, b, c in
      MatrixKernels.multiply(m: m, n: n, k: k, a, aRowStride: 1, aColStride: m, b, n, c, n, accumulate: true)
    }
  }

  /// Adds `bias` (one value per column) to every row.
  public mutating func addBias(_ bias: [Float]) {
    precondition(bias.count == cols, "Bias needs \(cols) values, got \(bias.count)")
    let (m, n) = (rows, cols)
    values.withUnsafeMutableBufferPointer { c in
      bias.withUnsafeBufferPointer { b in
        guard let c = c.baseAddress, let b = b.baseAddress else { return }
        MatrixKernels.addBias(m: m, n: n, c, n, b)
      }
    }
  }

  /// Replaces negative values with zero (ReLU).
  public mutating func applyReLU() {
    let count = values.count
    values.withUnsafeMutableBufferPointer { x in
      guard let x = x.baseAddress else { return }
      MatrixKernels.relu(x, count: count)
    }
  }

  /// Zeroes the entries where `activations` (a ReLU layer's output, same shape) is not positive: the
  /// ReLU derivative applied to a gradient.
  public mutating func maskReLU(activations: Matrix) {
    precondition(activations.rows == rows && activations.cols == cols, "ReLU mask must have the same shape")
    let count = values.count
    values.withUnsafeMutableBufferPointer { g in
      activations.values.withUnsafeBufferPointer { a in
        guard let g = g.baseAddress, let a = a.baseAddress else { return }
        MatrixKernels.maskReLU(g, activation: a, count: count)
      }
    }
  }

  /// The sum of each column (a bias gradient from a batch's output gradients).
  public func columnSums() -> [Float] {
    var sums = [Float](repeating: 0, count: cols)
    if values.isEmpty { return sums }
    values.withUnsafeBufferPointer { a in
      sums.withUnsafeMutableBufferPointer { s in
        MatrixKernels.columnSums(m: rows, n: cols, a.baseAddress!, cols, into: s.baseAddress!)
      }
    }
    return sums
  }
}

/// Calls `body` with the element pointers of two non-empty inputs and one non-empty output.
private func withPointers(
  _ a: Matrix, _ b: Matrix, _ c: inout Matrix,
  _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
) {
  a.values.withUnsafeBufferPointer { a in
    b.values.withUnsafeBufferPointer { b in
      c.values.withUnsafeMutableBufferPointer { c in
        body(a.baseAddress!, b.baseAddress!, c.baseAddress!)
      }
    }
  }
}
