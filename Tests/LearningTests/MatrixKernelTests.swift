import Testing

@testable import Learning

/// The SIMD kernels against plain triple loops, on sizes that hit every block and remainder path.
@Suite struct MatrixKernelTests {
  static let sizes = [1, 7, 33, 300]

  static func naiveProduct(_ a: Matrix, _ b: Matrix) -> [Double] {
    var c = [Double](repeating: 0, count: a.rows * b.cols)
    for i in 0..<a.rows {
      for j in 0..<b.cols {
        for p in 0..<a.cols { c[i * b.cols + j] += Double(a[i, p]) * Double(b[p, j]) }
      }
    }
    return c
  }

  static func transpose(_ m: Matrix) -> Matrix {
    Matrix(rowArrays: (0..<m.cols).map { c in (0..<m.rows).map { r in m[r, c] } })
  }

  static func expectClose(_ actual: [Float], _ expected: [Double], k: Int) {
    #expect(actual.count == expected.count)
    let tolerance = 1e-6 * Double(k) + 1e-6
    let worst = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? 0
    #expect(worst <= tolerance, "largest difference \(worst) over k = \(k)")
  }

  @Test(arguments: sizes, sizes)
  func productWithTransposeMatchesTripleLoop(m: Int, n: Int) {
    for k in Self.sizes {
      let a = randomMatrix(rows: m, cols: k, seed: 1)
      let b = randomMatrix(rows: n, cols: k, seed: 2)
      Self.expectClose(a.multiplied(byTransposeOf: b).values, Self.naiveProduct(a, Self.transpose(b)), k: k)
    }
  }

  @Test("a single row's product with a transpose has the same bits as that row inside a block of rows")
  func singleRowProductMatchesBlockedRowsExactly() {
    for (n, k) in [(1, 7), (4, 300), (7, 33), (72, 300), (300, 72)] {
      let block = randomMatrix(rows: 8, cols: k, seed: 9)
      let b = randomMatrix(rows: n, cols: k, seed: 10)
      let blocked = block.multiplied(byTransposeOf: b)
      for row in 0..<block.rows {
        let single = Matrix(rows: 1, cols: k, values: Array(block.values[row * k..<(row + 1) * k]))
        #expect(single.multiplied(byTransposeOf: b).values == Array(blocked.values[row * n..<(row + 1) * n]))
      }
    }
  }

  @Test(arguments: sizes, sizes)
  func productMatchesTripleLoop(m: Int, n: Int) {
    for k in Self.sizes {
      let a = randomMatrix(rows: m, cols: k, seed: 3)
      let b = randomMatrix(rows: k, cols: n, seed: 4)
      Self.expectClose(a.multiplied(by: b).values, Self.naiveProduct(a, b), k: k)
    }
  }

  @Test(arguments: sizes, sizes)
  func accumulatedTransposedProductMatchesTripleLoop(m: Int, n: Int) {
    for k in Self.sizes {
      let a = randomMatrix(rows: k, cols: m, seed: 5)
      let b = randomMatrix(rows: k, cols: n, seed: 6)
      let start = randomMatrix(rows: m, cols: n, seed: 7)
      var c = start
      c.addProduct(transposing: a, with: b)
      let expected = zip(start.values, Self.naiveProduct(Self.transpose(a), b)).map { Double($0) + $1 }
      Self.expectClose(c.values, expected, k: k)
    }
  }

  @Test(arguments: sizes, sizes)
  func elementwiseKernelsMatchPlainLoops(m: Int, n: Int) {
    let x = randomMatrix(rows: m, cols: n, seed: 8)
    let bias = randomMatrix(rows: 1, cols: n, seed: 9).values

    var biased = x
    biased.addBias(bias)
    #expect(biased.values == (0..<m * n).map { x.values[$0] + bias[$0 % n] })

    var rectified = x
    rectified.applyReLU()
    #expect(rectified.values == x.values.map { max($0, 0) })

    var gradient = randomMatrix(rows: m, cols: n, seed: 10)
    let original = gradient
    gradient.maskReLU(activations: rectified)
    #expect(gradient.values == (0..<m * n).map { rectified.values[$0] > 0 ? original.values[$0] : 0 })

    let sums = x.columnSums()
    let expected = (0..<n).map { j in (0..<m).reduce(Double(0)) { $0 + Double(x[$1, j]) } }
    Self.expectClose(sums, expected, k: m)
  }

  @Test func emptyInnerDimensionGivesZeros() {
    let a = Matrix(rows: 3, cols: 0)
    let b = Matrix(rows: 2, cols: 0)
    #expect(a.multiplied(byTransposeOf: b) == Matrix(rows: 3, cols: 2))
    #expect(a.multiplied(by: Matrix(rows: 0, cols: 4)) == Matrix(rows: 3, cols: 4))
  }
}
