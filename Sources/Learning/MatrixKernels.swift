/// The pointer-level loops behind `Matrix` products and the training hot path.
///
/// Portable SIMD (`SIMD4`/`SIMD8<Float>`), register-blocked so that baseline x86-64 (SSE) and arm64 (NEON)
/// both vectorize without CPU-specific flags or BLAS. Matrices are row-major with an explicit row stride
/// (`ld…`, elements between the starts of two rows). Every loop visits elements in a fixed order, so results
/// depend only on the inputs, never on timing.
enum MatrixKernels {
  /// `c = a · bᵀ` for `a` m×k, `b` n×k, `c` m×n: dot products along the contiguous k axis.
  static func multiplyTransposed(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, _ lda: Int,
    _ b: UnsafePointer<Float>, _ ldb: Int,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int
  ) {
    var i = 0
    while i + 4 <= m {
      var j = 0
      while j + 2 <= n {
        dots4x2(k, a + i * lda, lda, b + j * ldb, ldb, c + i * ldc + j, ldc)
        j += 2
      }
      if j < n {
        for r in 0..<4 { c[(i + r) * ldc + j] = dot(k, a + (i + r) * lda, b + j * ldb) }
      }
      i += 4
    }
    while i < m {
      var j = 0
      while j + 4 <= n {
        dots1x4(k, a + i * lda, b + j * ldb, ldb, c + i * ldc + j)
        j += 4
      }
      while j < n {
        c[i * ldc + j] = dot(k, a + i * lda, b + j * ldb)
        j += 1
      }
      i += 1
    }
  }

  /// `c = a · b` (or `c += a · b` when `accumulate`) for `c` m×n and `b` k×n, reading `a(i, p)` at
  /// `a[i * aRowStride + p * aColStride]` so that the same loop serves `a` and `aᵀ` (weight gradients).
  static func multiply(
    m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Float>, aRowStride: Int, aColStride: Int,
    _ b: UnsafePointer<Float>, _ ldb: Int,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int,
    accumulate: Bool
  ) {
    var i = 0
    while i + 4 <= m {
      let rowA = a + i * aRowStride
      let rowC = c + i * ldc
      var j = 0
      while j + 8 <= n {
        broadcast4(SIMD8<Float>.self, k, rowA, aRowStride, aColStride, b + j, ldb, rowC + j, ldc, accumulate)
        j += 8
      }
      if j + 4 <= n {
        broadcast4(SIMD4<Float>.self, k, rowA, aRowStride, aColStride, b + j, ldb, rowC + j, ldc, accumulate)
        j += 4
      }
      for r in 0..<4 {
        scalarColumns(j..<n, k, rowA + r * aRowStride, aColStride, b, ldb, rowC + r * ldc, accumulate)
      }
      i += 4
    }
    while i < m {
      let rowA = a + i * aRowStride
      let rowC = c + i * ldc
      var j = 0
      while j + 8 <= n {
        broadcast1(SIMD8<Float>.self, k, rowA, aColStride, b + j, ldb, rowC + j, accumulate)
        j += 8
      }
      scalarColumns(j..<n, k, rowA, aColStride, b, ldb, rowC, accumulate)
      i += 1
    }
  }

  /// `row += bias` for each of the `m` rows of the m×n matrix `c`.
  static func addBias(
    m: Int, n: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ bias: UnsafePointer<Float>
  ) {
    for i in 0..<m {
      let row = c + i * ldc
      var j = 0
      while j + 8 <= n {
        (row + j).store((row + j).vector(SIMD8<Float>.self) + (bias + j).vector(SIMD8<Float>.self))
        j += 8
      }
      while j < n {
        row[j] += bias[j]
        j += 1
      }
    }
  }

  /// `x = max(x, 0)` over `count` contiguous values.
  static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
      let v = (x + i).vector(SIMD8<Float>.self)
      (x + i).store(v.replacing(with: 0, where: v .< 0))
      i += 8
    }
    while i < count {
      if x[i] < 0 { x[i] = 0 }
      i += 1
    }
  }

  /// Zeroes `gradient` where the ReLU `activation` is not positive (the ReLU derivative), over `count` values.
  static func maskReLU(
    _ gradient: UnsafeMutablePointer<Float>, activation: UnsafePointer<Float>, count: Int
  ) {
    var i = 0
    while i + 8 <= count {
      let g = (gradient + i).vector(SIMD8<Float>.self)
      (gradient + i).store(g.replacing(with: 0, where: (activation + i).vector(SIMD8<Float>.self) .<= 0))
      i += 8
    }
    while i < count {
      if activation[i] <= 0 { gradient[i] = 0 }
      i += 1
    }
  }

  /// `sums[j] = Σ_i a[i, j]` for the m×n matrix `a` (bias gradients), summed in row order.
  static func columnSums(
    m: Int, n: Int, _ a: UnsafePointer<Float>, _ lda: Int, into sums: UnsafeMutablePointer<Float>
  ) {
    var j = 0
    while j + 8 <= n {
      var s = SIMD8<Float>()
      for i in 0..<m { s += (a + i * lda + j).vector(SIMD8<Float>.self) }
      (sums + j).store(s)
      j += 8
    }
    while j < n {
      var s: Float = 0
      for i in 0..<m { s += a[i * lda + j] }
      sums[j] = s
      j += 1
    }
  }

  /// Writes `gradient = scale · (output − target)` and returns `Σ (output − target)²` over `count` values.
  static func squaredError(
    output: UnsafePointer<Float>, target: UnsafePointer<Float>, count: Int,
    gradientScale scale: Float, gradient: UnsafeMutablePointer<Float>?
  ) -> Float {
    var sum = SIMD8<Float>()
    var i = 0
    while i + 8 <= count {
      let d = (output + i).vector(SIMD8<Float>.self) - (target + i).vector(SIMD8<Float>.self)
      sum += d * d
      if let gradient { (gradient + i).store(d * scale) }
      i += 8
    }
    var total = sum.sum()
    while i < count {
      let d = output[i] - target[i]
      total += d * d
      gradient?[i] = d * scale
      i += 1
    }
    return total
  }

  /// A 4×2 block of `a · bᵀ`: eight vector accumulators over k, reduced once at the end.
  @inline(__always)
  private static func dots4x2(
    _ k: Int, _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int
  ) {
    let a0 = a
    let a1 = a + lda
    let a2 = a + 2 * lda
    let a3 = a + 3 * lda
    let b0 = b
    let b1 = b + ldb
    var s00 = SIMD4<Float>()
    var s01 = SIMD4<Float>()
    var s10 = SIMD4<Float>()
    var s11 = SIMD4<Float>()
    var s20 = SIMD4<Float>()
    var s21 = SIMD4<Float>()
    var s30 = SIMD4<Float>()
    var s31 = SIMD4<Float>()
    var p = 0
    while p + 4 <= k {
      let x0 = (a0 + p).vector(SIMD4<Float>.self)
      let x1 = (a1 + p).vector(SIMD4<Float>.self)
      let x2 = (a2 + p).vector(SIMD4<Float>.self)
      let x3 = (a3 + p).vector(SIMD4<Float>.self)
      let y0 = (b0 + p).vector(SIMD4<Float>.self)
      let y1 = (b1 + p).vector(SIMD4<Float>.self)
      s00 += x0 * y0
      s01 += x0 * y1
      s10 += x1 * y0
      s11 += x1 * y1
      s20 += x2 * y0
      s21 += x2 * y1
      s30 += x3 * y0
      s31 += x3 * y1
      p += 4
    }
    var t00 = s00.sum()
    var t01 = s01.sum()
    var t10 = s10.sum()
    var t11 = s11.sum()
    var t20 = s20.sum()
    var t21 = s21.sum()
    var t30 = s30.sum()
    var t31 = s31.sum()
    while p < k {
      t00 += a0[p] * b0[p]
      t01 += a0[p] * b1[p]
      t10 += a1[p] * b0[p]
      t11 += a1[p] * b1[p]
      t20 += a2[p] * b0[p]
      t21 += a2[p] * b1[p]
      t30 += a3[p] * b0[p]
      t31 += a3[p] * b1[p]
      p += 1
    }
    c[0] = t00
    c[1] = t01
    c[ldc] = t10
    c[ldc + 1] = t11
    c[2 * ldc] = t20
    c[2 * ldc + 1] = t21
    c[3 * ldc] = t30
    c[3 * ldc + 1] = t31
  }

  /// Four dot products of one row of `a` with four rows of `b`, each summed exactly as `dot` sums it, so
  /// that a single window (one row, as `/classify` scores it) keeps four independent chains in flight and
  /// still gets the same bits as in a block.
  private static func dots1x4(
    _ k: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ ldb: Int,
    _ c: UnsafeMutablePointer<Float>
  ) {
    let b0 = b
    let b1 = b + ldb
    let b2 = b + 2 * ldb
    let b3 = b + 3 * ldb
    var s0 = SIMD4<Float>()
    var s1 = SIMD4<Float>()
    var s2 = SIMD4<Float>()
    var s3 = SIMD4<Float>()
    var p = 0
    while p + 4 <= k {
      let x = (a + p).vector(SIMD4<Float>.self)
      s0 += x * (b0 + p).vector(SIMD4<Float>.self)
      s1 += x * (b1 + p).vector(SIMD4<Float>.self)
      s2 += x * (b2 + p).vector(SIMD4<Float>.self)
      s3 += x * (b3 + p).vector(SIMD4<Float>.self)
      p += 4
    }
    var t = SIMD4(s0.sum(), s1.sum(), s2.sum(), s3.sum())
    while p < k {
      t += a[p] * SIMD4(b0[p], b1[p], b2[p], b3[p])
      p += 1
    }
    for lane in 0..<4 { c[lane] = t[lane] }
  }

  /// One dot product of length k, vectorized the same way as `dots4x2` (so edge cells match the blocks).
  @inline(__always)
  private static func dot(_ k: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>) -> Float {
    var s = SIMD4<Float>()
    var p = 0
    while p + 4 <= k {
      s += (a + p).vector(SIMD4<Float>.self) * (b + p).vector(SIMD4<Float>.self)
      p += 4
    }
    var t = s.sum()
    while p < k {
      t += a[p] * b[p]
      p += 1
    }
    return t
  }

  /// Four rows × one vector of columns of `a · b`: each step broadcasts four `a` values against one `b` row.
  @inline(__always)
  private static func broadcast4<V: SIMD>(
    _: V.Type, _ k: Int, _ a: UnsafePointer<Float>, _ aRowStride: Int, _ aColStride: Int,
    _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ accumulate: Bool
  ) where V.Scalar == Float {
    let c0 = c
    let c1 = c + ldc
    let c2 = c + 2 * ldc
    let c3 = c + 3 * ldc
    var s0 = accumulate ? c0.vector(V.self) : V()
    var s1 = accumulate ? c1.vector(V.self) : V()
    var s2 = accumulate ? c2.vector(V.self) : V()
    var s3 = accumulate ? c3.vector(V.self) : V()
    let a0 = a
    let a1 = a + aRowStride
    let a2 = a + 2 * aRowStride
    let a3 = a + 3 * aRowStride
    var rowB = b
    var offset = 0
    for _ in 0..<k {
      let y = rowB.vector(V.self)
      s0 += V(repeating: a0[offset]) * y
      s1 += V(repeating: a1[offset]) * y
      s2 += V(repeating: a2[offset]) * y
      s3 += V(repeating: a3[offset]) * y
      rowB += ldb
      offset += aColStride
    }
    c0.store(s0)
    c1.store(s1)
    c2.store(s2)
    c3.store(s3)
  }

  /// One row × one vector of columns of `a · b`.
  @inline(__always)
  private static func broadcast1<V: SIMD>(
    _: V.Type, _ k: Int, _ a: UnsafePointer<Float>, _ aColStride: Int,
    _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ accumulate: Bool
  ) where V.Scalar == Float {
    var s = accumulate ? c.vector(V.self) : V()
    var rowB = b
    for p in 0..<k {
      s += V(repeating: a[p * aColStride]) * rowB.vector(V.self)
      rowB += ldb
    }
    c.store(s)
  }

  /// The leftover columns of one row of `a · b`, one at a time.
  @inline(__always)
  private static func scalarColumns(
    _ columns: Range<Int>, _ k: Int, _ a: UnsafePointer<Float>, _ aColStride: Int,
    _ b: UnsafePointer<Float>, _ ldb: Int, _ c: UnsafeMutablePointer<Float>, _ accumulate: Bool
  ) {
    for j in columns {
      var s: Float = accumulate ? c[j] : 0
      for p in 0..<k { s += a[p * aColStride] * b[p * ldb + j] }
      c[j] = s
    }
  }
}
