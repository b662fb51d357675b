import EdgeCore

extension FrontEndSpec {
  /// The features of each raw window (one window a row, `layout.valuesPerWindow` values, sample-major
  /// interleaved), computed with EdgeCore's `FrontEnd` exactly as the device computes them.
  public func features(ofWindows windows: Matrix) -> Matrix {
    precondition(
      windows.cols == layout.valuesPerWindow,
      "A \(layout.samplesPerWindow)×\(layout.axes) window has \(layout.valuesPerWindow) values, rows have \(windows.cols)"
    )
    var frontEnd = FrontEnd(spec: self)
    var features = Matrix(rows: windows.rows, cols: featureCount)
    let (width, count) = (windows.cols, featureCount)
    windows.values.withUnsafeBufferPointer { input in
      features.values.withUnsafeMutableBufferPointer { output in
        for r in 0..<windows.rows {
          frontEnd.extract(
            window: UnsafeBufferPointer(rebasing: input[r * width..<(r + 1) * width]),
            into: UnsafeMutableBufferPointer(rebasing: output[r * count..<(r + 1) * count]))
        }
      }
    }
    return features
  }
}
