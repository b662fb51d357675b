/// Asymmetric int8 parameters of an activation tensor: `real = scale · (q − zeroPoint)`, q ∈ [-128, 127].
public struct ActivationQuantization: Equatable, Hashable, Sendable {
  /// Real value of one quantization step.
  public var scale: Float
  /// The int8 code of real 0 (exactly representable).
  public var zeroPoint: Int32

  /// Parameters as given (no checks: use `init(min:max:)` to derive them from a range).
  public init(scale: Float, zeroPoint: Int32) {
    self.scale = scale
    self.zeroPoint = zeroPoint
  }

  /// Parameters for a calibrated range, computed the way TFLite's quantizer does.
  ///
  /// The range is first widened to include 0; the scale is `(max − min) / 255`; the zero point is solved from
  /// whichever end loses less precision and nudged to an integer in [-128, 127]; an empty range gives scale 1.
  public init(min: Float, max: Float) {
    let low = Double(Swift.min(min, 0))
    let high = Double(Swift.max(max, 0))
    guard low != high else {
      self.init(scale: 1, zeroPoint: 0)
      return
    }
    let qmin = Double(Int8.min)
    let qmax = Double(Int8.max)
    let scale = (high - low) / (qmax - qmin)
    let fromMin = qmin - low / scale
    let fromMax = qmax - high / scale
    let fromMinError = abs(qmin) + abs(low / scale)
    let fromMaxError = abs(qmax) + abs(high / scale)
    let zeroPoint = fromMinError < fromMaxError ? fromMin : fromMax
    let nudged: Double =
      if zeroPoint <= qmin { qmin } else if zeroPoint >= qmax { qmax } else {
        zeroPoint.rounded(.toNearestOrAwayFromZero)
      }
    self.init(scale: Float(scale), zeroPoint: Int32(nudged))
  }

  /// The int8 code of a real value, as TFLite's QUANTIZE computes it: round half away from zero, then clamp.
  ///
  /// NaN gives -128, what LiteRT yields on x86.
  public func quantize(_ value: Float) -> Int8 {
    let steps = (value / scale).rounded(.toNearestOrAwayFromZero)
    guard !steps.isNaN else { return .min }
    let code = Swift.min(Swift.max(Double(steps) + Double(zeroPoint), Double(Int8.min)), Double(Int8.max))
    return Int8(code)
  }

  /// The real value of an int8 code.
  public func dequantize(_ code: Int8) -> Float { scale * Float(Int32(code) - zeroPoint) }
}
