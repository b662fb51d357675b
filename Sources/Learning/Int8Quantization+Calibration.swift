import EdgeCore

extension Int8Quantization {
  /// Parameters for a calibrated activation range, computed the way TFLite's quantizer does.
  ///
  /// The range is first widened to include 0; the scale is `(max − min) / 255`; the zero point is solved from
  /// whichever end loses less precision and nudged to an integer in [-128, 127]; an empty range gives scale 1.
  /// Refuses a non-finite range, and one so wide or so narrow that its scale is not a usable float.
  public init(min: Float, max: Float) throws(QuantizationError) {
    guard min.isFinite, max.isFinite else { throw .unrepresentableRange(min: min, max: max) }
    let low = Double(Swift.min(min, 0))
    let high = Double(Swift.max(max, 0))
    guard low != high else {
      self.init(scale: 1, zeroPoint: 0)
      return
    }
    let qmin = Double(Int8.min)
    let qmax = Double(Int8.max)
    let scale = (high - low) / (qmax - qmin)
    guard Float(scale) > 0, (Float(scale) * 256).isFinite else {
      throw .unrepresentableRange(min: min, max: max)
    }
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
}
