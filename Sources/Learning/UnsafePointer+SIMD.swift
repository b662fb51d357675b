/// Unaligned SIMD loads and stores of `Float` runs, the building blocks of the vectorized loops.
extension UnsafePointer where Pointee == Float {
  /// The `V.scalarCount` floats starting here.
  @inline(__always)
  func vector<V: SIMD>(_: V.Type) -> V where V.Scalar == Float {
    UnsafeRawPointer(self).loadUnaligned(as: V.self)
  }
}

extension UnsafeMutablePointer where Pointee == Float {
  /// The `V.scalarCount` floats starting here.
  @inline(__always)
  func vector<V: SIMD>(_: V.Type) -> V where V.Scalar == Float {
    UnsafeRawPointer(self).loadUnaligned(as: V.self)
  }

  /// Overwrites the `V.scalarCount` floats starting here.
  @inline(__always)
  func store<V: SIMD>(_ value: V) where V.Scalar == Float {
    UnsafeMutableRawPointer(self).storeBytes(of: value, as: V.self)
  }
}
