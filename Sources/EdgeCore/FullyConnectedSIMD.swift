/// A FULLY_CONNECTED layer re-laid out once at load for SIMD, with results bit-identical to
/// `FullyConnectedLayer.runReference`.
///
/// Layout: outputs are padded to groups of 16 (four blocks of four channels), inputs to pairs.
/// For each group and input pair, four `SIMD8<Int16>` hold `(w[c][2p], w[c][2p+1])` for the
/// block's four channels `c`, so one widening pair multiply-add (`pmaddwd` on x86 SSE2, `smlal`
/// pairs on NEON) adds two inputs into four channel accumulators without any horizontal sum.
/// The input zero point is folded into the bias at load: Σ w·(x − z) = Σ w·x − z·Σ w, in the
/// same wrapping int32 arithmetic as the reference, so the sums are identical.
struct PackedFullyConnectedLayer: Sendable {
  /// Channels in one group.
  static let groupWidth = 16
  /// `round(v)` of |v| < 2⁵¹ is `(v + magic) − magic` in round-to-nearest-even; its low 32 bits are the integer.
  static let roundingMagic: Double = 6_755_399_441_055_744

  /// Input width.
  let inputCount: Int
  /// Output width.
  let outputCount: Int
  /// Input pairs (`inputCount` rounded up to even, halved).
  let pairCount: Int
  /// Groups of 16 output channels.
  let groupCount: Int
  /// `[group][pair][block]` weight pairs, padding zero.
  let weights: [SIMD8<Int16>]
  /// `[group][block]` bias with the input zero point folded in.
  let bias: [SIMD4<Int32>]
  /// `[group][block]` effective scales (padding 0).
  let scales: [SIMD4<Double>]
  /// Output zero point.
  let zeroPoint: Int32
  /// Lowest output code, in every lane.
  let lower: SIMD8<Int16>
  /// Highest output code, in every lane.
  let upper: SIMD8<Int16>
  /// Whether the vector rounding is exact for every channel: it needs |acc × scale| < 2³¹,
  /// which holds for any int32 accumulator when every scale is below 0.5.
  let vectorRounding: Bool

  /// Packs a layer.
  init(_ layer: FullyConnectedLayer) {
    inputCount = layer.inputCount
    outputCount = layer.outputCount
    pairCount = (layer.inputCount + 1) / 2
    groupCount = (layer.outputCount + Self.groupWidth - 1) / Self.groupWidth
    zeroPoint = layer.outputZeroPoint
    lower = SIMD8(repeating: Int16(layer.outputMin))
    upper = SIMD8(repeating: Int16(layer.outputMax))
    vectorRounding = layer.effectiveScales.allSatisfy { $0 < 0.5 }

    let blocks = groupCount * Self.groupWidth / 4
    var weights = [SIMD8<Int16>](repeating: .zero, count: blocks * pairCount)
    var bias = [SIMD4<Int32>](repeating: .zero, count: blocks)
    var scales = [SIMD4<Double>](repeating: .zero, count: blocks)
    for channel in 0..<layer.outputCount {
      let (block, lane) = (channel / 4, channel % 4)
      let (group, blockInGroup) = (block / 4, block % 4)
      var weightSum: Int32 = 0
      for input in 0..<layer.inputCount {
        let weight = Int32(layer.weights[channel * layer.inputCount + input]) - layer.weightZeroPoint
        weightSum &+= weight
        let slot = (group * pairCount + input / 2) * 4 + blockInGroup
        weights[slot][lane * 2 + input % 2] = Int16(weight)
      }
      bias[block][lane] = layer.bias[channel] &- layer.inputZeroPoint &* weightSum
      scales[block][lane] = layer.effectiveScales[channel]
    }
    self.weights = weights
    self.bias = bias
    self.scales = scales
  }

  /// Runs the layer on `input` (`2 × pairCount` codes, the padding ignored) and writes
  /// `16 × groupCount` codes to `output` (the padding channels get the zero point).
  func run(_ input: UnsafePointer<Int16>, into output: UnsafeMutablePointer<Int16>) {
    weights.withUnsafeBufferPointer { weights in
      bias.withUnsafeBufferPointer { bias in
        scales.withUnsafeBufferPointer { scales in
          var weight = weights.baseAddress!
          let scales = scales.baseAddress!
          for group in 0..<groupCount {
            let first = group &* 4
            var sums = (bias[first], bias[first &+ 1], bias[first &+ 2], bias[first &+ 3])
            for pair in 0..<pairCount {
              let word = UnsafeRawPointer(input + (pair &<< 1)).loadUnaligned(as: UInt32.self)
              let x = unsafeBitCast(SIMD4<UInt32>(repeating: word), to: SIMD8<Int16>.self)
              sums.0 = Self.multiplyAdd(weight[0], x, sums.0)
              sums.1 = Self.multiplyAdd(weight[1], x, sums.1)
              sums.2 = Self.multiplyAdd(weight[2], x, sums.2)
              sums.3 = Self.multiplyAdd(weight[3], x, sums.3)
              weight += 4
            }
            let codes = output + (group &<< 4)
            if !vectorRounding || !requantize(sums, scales + first, into: codes) {
              requantizeExactly(sums, scales + first, into: codes)
            }
          }
        }
      }
    }
  }

  /// `sum + Σ pairs(a × b)` in int32: the pattern x86 lowers to one `pmaddwd` and one `paddd`.
  @inline(__always)
  static func multiplyAdd(_ a: SIMD8<Int16>, _ b: SIMD8<Int16>, _ sum: SIMD4<Int32>) -> SIMD4<Int32> {
    let products = SIMD8<Int32>(truncatingIfNeeded: a) &* SIMD8<Int32>(truncatingIfNeeded: b)
    return sum &+ products.evenHalf &+ products.oddHalf
  }

  /// Requantizes 16 sums with vector rounding; returns false, writing nothing meaningful, when
  /// some product lies exactly halfway between integers (where round-to-even and LiteRT's
  /// half-away-from-zero disagree), so that the caller redoes the group exactly.
  @inline(__always)
  func requantize(
    _ sums: (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>), _ scales: UnsafePointer<SIMD4<Double>>,
    into codes: UnsafeMutablePointer<Int16>
  ) -> Bool {
    var peak = SIMD4<Double>.zero
    let a = roundToEven(sums.0, scales[0], &peak)
    let b = roundToEven(sums.1, scales[1], &peak)
    let c = roundToEven(sums.2, scales[2], &peak)
    let d = roundToEven(sums.3, scales[3], &peak)
    guard Swift.max(Swift.max(peak[0], peak[1]), Swift.max(peak[2], peak[3])) < 0.5 else { return false }
    let zero = SIMD4<Int32>(repeating: zeroPoint)
    let low = SIMD8<Int32>(lowHalf: a &+ zero, highHalf: b &+ zero)
    let high = SIMD8<Int32>(lowHalf: c &+ zero, highHalf: d &+ zero)
    let raw = UnsafeMutableRawPointer(codes)
    raw.storeBytes(of: Self.narrow(low).clamped(lowerBound: lower, upperBound: upper), as: SIMD8<Int16>.self)
    raw.storeBytes(
      of: Self.narrow(high).clamped(lowerBound: lower, upperBound: upper), toByteOffset: 16,
      as: SIMD8<Int16>.self)
    return true
  }

  /// `Double(sum) × scale` rounded to nearest-even, as int32; `peak` keeps the largest distance
  /// to the rounded value seen (0.5 exactly marks a tie).
  @inline(__always)
  func roundToEven(_ sum: SIMD4<Int32>, _ scale: SIMD4<Double>, _ peak: inout SIMD4<Double>) -> SIMD4<Int32> {
    let magic = SIMD4<Double>(repeating: Self.roundingMagic)
    let value = SIMD4<Double>(sum) * scale
    let shifted = value + magic
    let error = value - (shifted - magic)
    let distance = unsafeBitCast(
      unsafeBitCast(error, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
    peak = peak.replacing(with: distance, where: peak .< distance)
    return unsafeBitCast(shifted, to: SIMD8<Int32>.self).evenHalf
  }

  /// int32 → int16 with saturation (`packssdw`).
  @inline(__always)
  static func narrow(_ value: SIMD8<Int32>) -> SIMD8<Int16> {
    SIMD8<Int16>(
      truncatingIfNeeded: value.clamped(
        lowerBound: SIMD8(repeating: -32768), upperBound: SIMD8(repeating: 32767)))
  }

  /// Requantizes 16 sums one by one with the reference formula.
  func requantizeExactly(
    _ sums: (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>), _ scales: UnsafePointer<SIMD4<Double>>,
    into codes: UnsafeMutablePointer<Int16>
  ) {
    for block in 0..<4 {
      let sum: SIMD4<Int32>
      switch block {
      case 0: sum = sums.0
      case 1: sum = sums.1
      case 2: sum = sums.2
      default: sum = sums.3
      }
      for lane in 0..<4 {
        codes[block * 4 + lane] = Int16(
          FullyConnectedLayer.requantize(
            sum[lane], effectiveScale: scales[block][lane], zeroPoint: zeroPoint, lower: Int32(lower[0]),
            upper: Int32(upper[0])))
      }
    }
  }
}
