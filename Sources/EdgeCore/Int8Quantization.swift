/// Per-tensor int8 affine quantization, real = scale × (q − zeroPoint), with LiteRT's reference
/// rounding for QUANTIZE and DEQUANTIZE.
public struct Int8Quantization: Equatable, Sendable {
  /// Real value of one quantization step; positive, below `Float.greatestFiniteMagnitude / 256`.
  public let scale: Float
  /// The int8 code of real 0, in −128…127.
  public let zeroPoint: Int32

  /// Parameters with a positive scale (small enough that every code dequantizes to a finite
  /// value) and an int8 zero point.
  public init(scale: Float, zeroPoint: Int32) {
    precondition(scale > 0 && (scale * 256).isFinite, "scale must be positive and below Float.max / 256")
    precondition((-128...127).contains(zeroPoint), "zero point must be an int8")
    self.scale = scale
    self.zeroPoint = zeroPoint
  }

  /// LiteRT's QUANTIZE: `x / scale` in float, rounded half away from zero, plus the zero point,
  /// saturated to int8. NaN gives −128 (what LiteRT yields on x86); where `x / scale` exceeds
  /// the int32 range LiteRT's result is platform-defined and EdgeCore saturates.
  @inlinable
  public func quantize(_ x: Float) -> Int8 {
    let scaled = x / scale
    guard !scaled.isNaN else { return .min }
    let bounded = min(max(scaled, Float(-128 - zeroPoint)), Float(127 - zeroPoint))
    return Int8(Int32(bounded.rounded(.toNearestOrAwayFromZero)) + zeroPoint)
  }

  /// LiteRT's DEQUANTIZE: `scale × (q − zeroPoint)`, rounded once to float.
  ///
  /// LiteRT multiplies in double and rounds to float; the double product of a float and a
  /// 9-bit integer is exact, so one float multiplication gives the same bits.
  @inlinable
  public func dequantize(_ q: Int8) -> Float {
    scale * Float(Int32(q) - zeroPoint)
  }

  /// LiteRT's quantization of a real activation bound (`CalculateActivationRangeQuantized`):
  /// `zeroPoint + round(value / scale)`, saturated to ±2³¹ (a bound beyond int8 only ever clamps).
  func code(of value: Float) -> Int64 {
    let steps = (value / scale).rounded(.toNearestOrAwayFromZero)
    return Int64(zeroPoint) + Int64(min(max(steps, -0x1p31), 0x1p31))
  }
}
