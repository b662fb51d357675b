extension Int8Quantization {
  /// `quantize` of every value into int16-held codes, eight at a time; identical to the scalar
  /// function for every input, NaN and infinities included.
  ///
  /// Vector rounding is to nearest-even; where some value lies exactly halfway between two
  /// codes (LiteRT rounds those away from zero) the window is redone with the scalar function.
  func quantize(_ values: UnsafeBufferPointer<Float>, into codes: UnsafeMutablePointer<Int16>) {
    let count = values.count
    guard let base = values.baseAddress else { return }
    let source = UnsafeRawPointer(base)
    let scale = SIMD4<Float>(repeating: self.scale)
    let lowest = SIMD4<Float>(repeating: Float(-128 - zeroPoint))
    let highest = SIMD4<Float>(repeating: Float(127 - zeroPoint))
    var peak = SIMD4<Float>.zero
    var index = 0
    while index &+ 8 <= count {
      let low = code(
        source.loadUnaligned(fromByteOffset: index &* 4, as: SIMD4<Float>.self), scale, lowest, highest, &peak
      )
      let high = code(
        source.loadUnaligned(fromByteOffset: index &* 4 &+ 16, as: SIMD4<Float>.self), scale, lowest, highest,
        &peak)
      UnsafeMutableRawPointer(codes + index).storeBytes(
        of: PackedFullyConnectedLayer.narrow(SIMD8(lowHalf: low, highHalf: high)), as: SIMD8<Int16>.self)
      index &+= 8
    }
    if Swift.max(Swift.max(peak[0], peak[1]), Swift.max(peak[2], peak[3])) == 0.5 { index = 0 }
    while index < count {
      codes[index] = Int16(quantize(values[index]))
      index &+= 1
    }
  }

  /// Four codes: `x / scale` clamped to the codes' range (NaN to the lowest), rounded to
  /// nearest-even with the 1.5 × 2²³ trick, plus the zero point; `peak` keeps the largest
  /// distance to the rounded value (0.5 marks a tie).
  @inline(__always)
  private func code(
    _ x: SIMD4<Float>, _ scale: SIMD4<Float>, _ lowest: SIMD4<Float>, _ highest: SIMD4<Float>,
    _ peak: inout SIMD4<Float>
  ) -> SIMD4<Int32> {
    let magic = SIMD4<Float>(repeating: 12_582_912)
    var value = x / scale
    value = value.replacing(with: lowest, where: .!(value .> lowest))
    value = value.replacing(with: highest, where: value .> highest)
    let shifted = value + magic
    let error = value - (shifted - magic)
    let distance = unsafeBitCast(
      unsafeBitCast(error, to: SIMD4<UInt32>.self) & 0x7FFF_FFFF, to: SIMD4<Float>.self)
    peak = peak.replacing(with: distance, where: peak .< distance)
    return unsafeBitCast(shifted, to: SIMD4<Int32>.self) &- unsafeBitCast(magic, to: SIMD4<Int32>.self)
      &+ SIMD4(repeating: zeroPoint)
  }

  /// The mean over `values` of (value − dequantized code)², summed in four float lanes in a
  /// fixed order, so that every kernel path gives the same bits.
  func meanSquaredError(_ values: UnsafeBufferPointer<Float>, codes: UnsafePointer<Int8>) -> Float {
    let count = values.count
    guard let base = values.baseAddress, count > 0 else { return 0 }
    let source = UnsafeRawPointer(base)
    let scale = SIMD4<Float>(repeating: self.scale)
    let zero = SIMD4<Float>(repeating: Float(zeroPoint))
    var sum = SIMD4<Float>.zero
    var index = 0
    while index &+ 4 <= count {
      let packed = UnsafeRawPointer(codes + index).loadUnaligned(as: SIMD4<Int8>.self)
      let reconstruction = (SIMD4<Float>(SIMD4<Int32>(truncatingIfNeeded: packed)) - zero) * scale
      let difference =
        source.loadUnaligned(fromByteOffset: index &* 4, as: SIMD4<Float>.self) - reconstruction
      sum += difference * difference
      index &+= 4
    }
    while index < count {
      let difference = values[index] - dequantize(codes[index])
      sum[index % 4] += difference * difference
      index &+= 1
    }
    return ((sum[0] + sum[1]) + (sum[2] + sum[3])) / Float(count)
  }
}
