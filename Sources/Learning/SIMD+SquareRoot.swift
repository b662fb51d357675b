#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

extension SIMD8 where Scalar == Float {
  /// Lane-wise square root as one vector instruction per half.
  ///
  /// `SIMD.squareRoot()` on Linux becomes eight scalar `sqrtf` calls guarded for `errno`; `sqrtps` is plain
  /// SSE (x86-64 baseline). Elsewhere the lane-wise root is used. Both are correctly rounded, so results match.
  @inline(__always)
  var laneSquareRoot: SIMD8<Float> {
    #if arch(x86_64)
      SIMD8(lowHalf: _mm_sqrt_ps(lowHalf), highHalf: _mm_sqrt_ps(highHalf))
    #else
      squareRoot()
    #endif
  }
}
