/// An `Int8Quantization` with its vector constants prepared once, at load, for the SIMD path:
/// `quantize` gives the same codes as the scalar function for every input, NaN and infinities included.
struct Int8VectorQuantizer: Sendable {
  /// The parameters.
  let quantization: Int8Quantization
  /// The scale in every lane.
  let scale: SIMD4<Float>
  /// `−128 − zeroPoint`: the lowest code, relative to the zero point.
  let lowest: SIMD4<Float>
  /// `127 − zeroPoint`: the highest code, relative to the zero point.
  let highest: SIMD4<Float>
  /// 1.5 × 2²³ + zeroPoint: adding it to |v| ≤ 256 rounds v to nearest-even and leaves
  /// `round(v) + zeroPoint` in the low 16 bits.
  let magic: SIMD4<Float>

  /// The constants of `quantization`.
  init(_ quantization: Int8Quantization) {
    self.quantization = quantization
    scale = SIMD4(repeating: quantization.scale)
    lowest = SIMD4(repeating: Float(-128 - quantization.zeroPoint))
    highest = SIMD4(repeating: Float(127 - quantization.zeroPoint))
    magic = SIMD4(repeating: 12_582_912 + Float(quantization.zeroPoint))
  }

  /// Quantizes `values` into int16-held codes, eight at a time. Vector rounding is to
  /// nearest-even; where some value lies exactly halfway between two codes (LiteRT rounds those
  /// away from zero) the window is redone with the scalar function.
  func quantize(_ values: UnsafeBufferPointer<Float>, into codes: UnsafeMutablePointer<Int16>) {
    let count = values.count
    guard let base = values.baseAddress else { return }
    let source = UnsafeRawPointer(base)
    var peak = SIMD4<Float>.zero
    var index = 0
    while index &+ 8 <= count {
      let low = code(source.loadUnaligned(fromByteOffset: index &* 4, as: SIMD4<Float>.self), &peak)
      let high = code(source.loadUnaligned(fromByteOffset: index &* 4 &+ 16, as: SIMD4<Float>.self), &peak)
      let bits = unsafeBitCast(SIMD8(lowHalf: low, highHalf: high), to: SIMD8<Int32>.self)
      UnsafeMutableRawPointer(codes + index).storeBytes(
        of: SIMD8<Int16>(truncatingIfNeeded: bits), as: SIMD8<Int16>.self)
      index &+= 8
    }
    if index &+ 4 <= count {
      let bits = unsafeBitCast(
        code(source.loadUnaligned(fromByteOffset: index &* 4, as: SIMD4<Float>.self), &peak),
        to: SIMD4<Int32>.self)
      UnsafeMutableRawPointer(codes + index).storeBytes(
        of: SIMD4<Int16>(truncatingIfNeeded: bits), as: SIMD4<Int16>.self)
      index &+= 4
    }
    if !(peak[0] < 0.5 && peak[1] < 0.5 && peak[2] < 0.5 && peak[3] < 0.5) { index = 0 }
    while index < count {
      codes[index] = Int16(quantization.quantize(values[index]))
      index &+= 1
    }
  }

  /// Four values clamped to the code range relative to the zero point (NaN to the lowest) and
  /// shifted by `magic`; `peak` keeps the largest distance to the rounded value (0.5 marks a tie).
  @inline(__always)
  private func code(_ x: SIMD4<Float>, _ peak: inout SIMD4<Float>) -> SIMD4<Float> {
    var value = x / scale
    value = value.replacing(with: lowest, where: .!(value .> lowest))
    value = value.replacing(with: highest, where: value .> highest)
    let shifted = value + magic
    let error = value - (shifted - magic)
    let distance = unsafeBitCast(
      unsafeBitCast(error, to: SIMD4<UInt32>.self) & 0x7FFF_FFFF, to: SIMD4<Float>.self)
    peak = distance.replacing(with: peak, where: peak .> distance)
    return shifted
  }
}

extension Int8Quantization {
  /// `dequantize` of `output.count` codes held in int8 or int16 storage.
  func dequantize<Code: FixedWidthInteger>(
    _ codes: UnsafePointer<Code>, into output: UnsafeMutableBufferPointer<Float>
  ) {
    for index in output.indices {
      output[index] = scale * Float(Int32(truncatingIfNeeded: codes[index]) - zeroPoint)
    }
  }

  /// The mean over `values` of (value − dequantized code)², with codes in int8 or int16
  /// storage. Element `i` is summed into float lane `i % 4` in increasing `i`, the lanes then
  /// pairwise: a fixed order, so every kernel path gives the same bits.
  func meanSquaredError<Code: FixedWidthInteger & SIMDScalar>(
    _ values: UnsafeBufferPointer<Float>, codes: UnsafePointer<Code>
  ) -> Float {
    let count = values.count
    guard let base = values.baseAddress, count > 0 else { return 0 }
    let source = UnsafeRawPointer(base)
    let scale = SIMD4<Float>(repeating: self.scale)
    // Code c becomes the float 1.5 × 2²³ + c by an integer add to its bits; subtracting
    // 1.5 × 2²³ + zeroPoint leaves exactly c − zeroPoint (no int-to-float conversion).
    let bits = SIMD4<Int32>(repeating: 0x4B40_0000)
    let offset = SIMD4<Float>(repeating: 12_582_912 + Float(zeroPoint))
    var sum = SIMD4<Float>.zero
    var index = 0
    while index &+ 4 <= count {
      let packed = UnsafeRawPointer(codes + index).loadUnaligned(as: SIMD4<Code>.self)
      let shifted = unsafeBitCast(SIMD4<Int32>(truncatingIfNeeded: packed) &+ bits, to: SIMD4<Float>.self)
      let difference =
        source.loadUnaligned(fromByteOffset: index &* 4, as: SIMD4<Float>.self) - (shifted - offset) * scale
      sum += difference * difference
      index &+= 4
    }
    while index < count {
      let difference = values[index] - self.scale * Float(Int32(truncatingIfNeeded: codes[index]) - zeroPoint)
      sum[index % 4] += difference * difference
      index &+= 1
    }
    return ((sum[0] + sum[1]) + (sum[2] + sum[3])) / Float(count)
  }
}
