extension Quantizer {
  /// The calibrated real range of every activation tensor: the input, then each layer's output (post-ReLU).
  func calibratedRanges(of layers: [FloatDenseLayer], on calibration: CalibrationSet)
    throws(QuantizationError)
    -> [(min: Float, max: Float)]
  {
    var observers = [RangeObserver](
      repeating: RangeObserver(keepsValues: options.calibration != .minMax), count: layers.count + 1)
    for rowIndex in 0..<calibration.rowCount {
      var activation = Array(calibration.row(rowIndex))
      observers[0].observe(activation)
      for (index, layer) in layers.enumerated() {
        activation = layer.forward(activation[...])
        observers[index + 1].observe(activation)
      }
    }
    var ranges: [(min: Float, max: Float)] = []
    for (index, observer) in observers.enumerated() {
      let range = try observer.range(options.calibration)
      guard range.min.isFinite, range.max.isFinite else {
        throw .nonFinite(
          what: index == 0 ? "the calibrated input range" : "the calibrated range of layer \(index - 1)")
      }
      ranges.append(range)
    }
    return ranges
  }
}

/// What calibration has seen of one tensor: its extremes, and every value when a percentile is asked for.
struct RangeObserver {
  private var low = Float.infinity
  private var high = -Float.infinity
  private var values: [Float]?

  /// An observer; `keepsValues` keeps all values for percentile ranges.
  init(keepsValues: Bool) {
    values = keepsValues ? [] : nil
  }

  /// Records one activation vector.
  mutating func observe(_ activation: [Float]) {
    for value in activation {
      low = min(low, value)
      high = max(high, value)
    }
    values?.append(contentsOf: activation)
  }

  /// The range under `method`: the extremes, or both tails' percentile (linear interpolation, as NumPy's default).
  func range(_ method: CalibrationMethod) throws(QuantizationError) -> (min: Float, max: Float) {
    guard case .percentile(let percentile) = method, let values else { return (low, high) }
    guard percentile > 50, percentile <= 100 else { throw .invalidPercentile(percentile) }
    let sorted = values.sorted()
    return (Self.quantile(sorted, 1 - percentile / 100), Self.quantile(sorted, percentile / 100))
  }

  /// The `q`-quantile of sorted values, interpolating between the two nearest ranks.
  static func quantile(_ sorted: [Float], _ q: Double) -> Float {
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return Float(Double(sorted[lower]) + (Double(sorted[upper]) - Double(sorted[lower])) * fraction)
  }
}
