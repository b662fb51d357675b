/// A FULLY_CONNECTED layer re-laid out once at load for SIMD, with results bit-identical to
/// `FullyConnectedLayer.runReference`.
///
/// Layout: outputs are padded to groups of 16 (four blocks of four channels), inputs to groups
/// of eight (four pairs, read with one load). For each group and input pair, four `SIMD8<Int16>`
/// hold `(w[c][2p], w[c][2p+1])` for the block's four channels `c`, so one widening pair
/// multiply-add (`pmaddwd` on x86 SSE2, `smlal` pairs on NEON) adds two inputs into four channel
/// accumulators without any horizontal sum.
/// The input zero point is folded into the bias at load: Σ w·(x − z) = Σ w·x − z·Σ w, in the
/// same wrapping int32 arithmetic as the reference, so the sums are identical.
struct PackedFullyConnectedLayer: Sendable {
  /// Channels in one group.
  static let groupWidth = 16
  /// Inputs read at once: four pairs.
  static let quadWidth = 8

  /// Input width.
  let inputCount: Int
  /// Output width.
  let outputCount: Int
  /// Groups of eight inputs (`inputCount` rounded up to a multiple of 8, over 8).
  let quadCount: Int
  /// Groups of 16 output channels.
  let groupCount: Int
  /// `[group][quad][pair in quad][block]` weight pairs, padding zero.
  let weights: [SIMD8<Int16>]
  /// `[group][block]` bias with the input zero point folded in.
  let bias: [SIMD4<Int32>]
  /// `[group][block]` effective scales (padding 0).
  let scales: [SIMD4<Double>]
  /// 1.5 × 2⁵² + the output zero point: adding it to |v| < 2⁵¹ rounds v to nearest-even and
  /// leaves `round(v) + zeroPoint` in the low 32 bits.
  let magic: SIMD4<Double>
  /// Output zero point.
  let zeroPoint: Int32
  /// Lowest output code, in every lane.
  let lower: SIMD8<Int16>
  /// Highest output code, in every lane.
  let upper: SIMD8<Int16>
  /// How each group of 16 channels is requantized.
  let rounding: [GroupRounding]

  /// How a group's products are rounded, decided at load.
  enum GroupRounding: UInt8, Sendable {
    /// Vector round-to-nearest-even: no channel of the group can ever produce an exact tie
    /// that the clamp keeps (proved at load by `mayTie`), so it equals LiteRT's half-away rounding.
    case nearestEven
    /// Vector round-to-nearest-even with a tie check; a group with a tie is redone exactly.
    case checked
    /// The scalar reference formula: some scale is 0.5 or more, so |acc × scale| may reach 2³¹
    /// where the vector rounding trick is not exact.
    case scalar
  }

  /// Packs a layer.
  init(_ layer: FullyConnectedLayer) {
    inputCount = layer.inputCount
    outputCount = layer.outputCount
    quadCount = (layer.inputCount + Self.quadWidth - 1) / Self.quadWidth
    groupCount = (layer.outputCount + Self.groupWidth - 1) / Self.groupWidth
    zeroPoint = layer.outputZeroPoint
    magic = SIMD4(repeating: 6_755_399_441_055_744 + Double(layer.outputZeroPoint))
    lower = SIMD8(repeating: Int16(layer.outputMin))
    upper = SIMD8(repeating: Int16(layer.outputMax))
    var tieFree: (scale: Double, answer: Bool) = (.nan, false)
    rounding = (0..<groupCount).map { group in
      let channels = (group * Self.groupWidth)..<min((group + 1) * Self.groupWidth, layer.outputCount)
      if channels.contains(where: { layer.effectiveScales[$0] >= 0.5 }) { return .scalar }
      let ties = channels.contains { channel in
        let scale = layer.effectiveScales[channel]
        if scale != tieFree.scale {
          tieFree = (
            scale,
            !Self.mayTie(
              scale: scale, zeroPoint: layer.outputZeroPoint, lower: layer.outputMin, upper: layer.outputMax)
          )
        }
        return !tieFree.answer
      }
      return ties ? .checked : .nearestEven
    }

    let blocks = groupCount * Self.groupWidth / 4
    var weights = [SIMD8<Int16>](repeating: .zero, count: blocks * quadCount * 4)
    var bias = [SIMD4<Int32>](repeating: .zero, count: blocks)
    var scales = [SIMD4<Double>](repeating: .zero, count: blocks)
    for channel in 0..<layer.outputCount {
      let (block, lane) = (channel / 4, channel % 4)
      let (group, blockInGroup) = (block / 4, block % 4)
      var weightSum: Int32 = 0
      for input in 0..<layer.inputCount {
        let weight = Int32(layer.weights[channel * layer.inputCount + input]) - layer.weightZeroPoint
        weightSum &+= weight
        let slot = ((group * quadCount * 4) + input / 2) * 4 + blockInGroup
        weights[slot][lane * 2 + input % 2] = Int16(weight)
      }
      bias[block][lane] = layer.bias[channel] &- layer.inputZeroPoint &* weightSum
      scales[block][lane] = layer.effectiveScales[channel]
    }
    self.weights = weights
    self.bias = bias
    self.scales = scales
  }

  /// Runs the layer on `input` (`8 × quadCount` codes, 16-byte aligned, the padding ignored)
  /// and writes `16 × groupCount` codes to `output` (the padding channels get the zero point).
  func run(_ input: UnsafePointer<Int16>, into output: UnsafeMutablePointer<Int16>) {
    let constants = Rounding(magic: magic, lower: lower, upper: upper)
    weights.withUnsafeBufferPointer { weights in
      bias.withUnsafeBufferPointer { bias in
        scales.withUnsafeBufferPointer { scales in
          var weight = weights.baseAddress!
          let scales = UnsafeRawPointer(scales.baseAddress!)
          for group in 0..<groupCount {
            let first = group &* 4
            var sums = (bias[first], bias[first &+ 1], bias[first &+ 2], bias[first &+ 3])
            var quad = UnsafeRawPointer(input)
            for _ in 0..<quadCount {
              let pairs = quad.load(as: SIMD4<UInt32>.self)
              Self.multiplyAdd(pairs[0], weight, &sums)
              Self.multiplyAdd(pairs[1], weight + 4, &sums)
              Self.multiplyAdd(pairs[2], weight + 8, &sums)
              Self.multiplyAdd(pairs[3], weight + 12, &sums)
              weight += 16
              quad += 16
            }
            let codes = output + (group &<< 4)
            let groupScales = scales + (group &<< 7)
            switch rounding[group] {
            case .nearestEven:
              constants.requantize(sums, groupScales, into: codes)
            case .checked where constants.requantizeChecked(sums, groupScales, into: codes):
              break
            case .checked, .scalar:
              requantizeExactly(sums, groupScales.assumingMemoryBound(to: SIMD4<Double>.self), into: codes)
            }
          }
        }
      }
    }
  }

  /// Adds one input pair times the pair's weights to the 16 channel sums: per block, one
  /// widening pair multiply-add (`pmaddwd` + `paddd` on x86).
  @inline(__always)
  static func multiplyAdd(
    _ pair: UInt32, _ weights: UnsafePointer<SIMD8<Int16>>,
    _ sums: inout (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>)
  ) {
    let x = SIMD8<Int32>(
      truncatingIfNeeded: unsafeBitCast(SIMD4<UInt32>(repeating: pair), to: SIMD8<Int16>.self))
    func product(_ w: SIMD8<Int16>) -> SIMD4<Int32> {
      let products = SIMD8<Int32>(truncatingIfNeeded: w) &* x
      return products.evenHalf &+ products.oddHalf
    }
    sums.0 &+= product(weights[0])
    sums.1 &+= product(weights[1])
    sums.2 &+= product(weights[2])
    sums.3 &+= product(weights[3])
  }

  /// The rounding constants of a layer, copied out of the array before the group loop so that
  /// they stay in registers.
  struct Rounding {
    /// See `PackedFullyConnectedLayer.magic`.
    let magic: SIMD4<Double>
    /// See `PackedFullyConnectedLayer.lower`.
    let lower: SIMD8<Int16>
    /// See `PackedFullyConnectedLayer.upper`.
    let upper: SIMD8<Int16>

    /// Requantizes 16 sums with vector round-to-nearest-even and returns the four rounded blocks.
    @discardableResult @inline(__always)
    func requantize(
      _ sums: (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>), _ scales: UnsafeRawPointer,
      into codes: UnsafeMutablePointer<Int16>
    ) -> (Rounded, Rounded, Rounded, Rounded) {
      let raw = UnsafeMutableRawPointer(codes)
      let a = round(sums.0, scales.load(as: SIMD4<Double>.self))
      let b = round(sums.1, scales.load(fromByteOffset: 32, as: SIMD4<Double>.self))
      raw.storeBytes(of: narrow(a.code, b.code), as: SIMD8<Int16>.self)
      let c = round(sums.2, scales.load(fromByteOffset: 64, as: SIMD4<Double>.self))
      let d = round(sums.3, scales.load(fromByteOffset: 96, as: SIMD4<Double>.self))
      raw.storeBytes(of: narrow(c.code, d.code), toByteOffset: 16, as: SIMD8<Int16>.self)
      return (a, b, c, d)
    }

    /// Requantizes 16 sums like `requantize`; returns false when some product lies exactly
    /// halfway between integers (where nearest-even and LiteRT's half-away-from-zero
    /// disagree), so that the caller redoes the group exactly.
    @inline(__always)
    func requantizeChecked(
      _ sums: (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>), _ scales: UnsafeRawPointer,
      into codes: UnsafeMutablePointer<Int16>
    ) -> Bool {
      let (a, b, c, d) = requantize(sums, scales, into: codes)
      let peak = larger(larger(a.distance(), b.distance()), larger(c.distance(), d.distance()))
      return peak[0] < 0.5 && peak[1] < 0.5 && peak[2] < 0.5 && peak[3] < 0.5
    }

    /// `Double(sum) × scale` and that product shifted by `magic`, whose low 32 bits are the
    /// product rounded to nearest-even plus the zero point.
    @inline(__always)
    func round(_ sum: SIMD4<Int32>, _ scale: SIMD4<Double>) -> Rounded {
      let value = SIMD4<Double>(sum) * scale
      return Rounded(value: value, shifted: value + magic, magic: magic)
    }

    /// One rounded block of four channels.
    struct Rounded {
      /// The products.
      let value: SIMD4<Double>
      /// The products plus `magic`.
      let shifted: SIMD4<Double>
      /// See `PackedFullyConnectedLayer.magic`.
      let magic: SIMD4<Double>

      /// The codes before the clamp: rounded products plus the zero point.
      var code: SIMD4<Int32> { unsafeBitCast(shifted, to: SIMD8<Int32>.self).evenHalf }

      /// The distance between each product and its rounded value (0.5 exactly marks a tie).
      @inline(__always)
      func distance() -> SIMD4<Double> {
        let error = value - (shifted - magic)
        return unsafeBitCast(
          unsafeBitCast(error, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
      }
    }

    /// The lane-wise larger of two distances (`maxpd`).
    @inline(__always)
    func larger(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
      a.replacing(with: b, where: a .< b)
    }

    /// Two int32 vectors → one int16 vector with saturation (`packssdw`), clamped to the
    /// output range.
    @inline(__always)
    func narrow(_ low: SIMD4<Int32>, _ high: SIMD4<Int32>) -> SIMD8<Int16> {
      let value = SIMD8(lowHalf: low, highHalf: high)
      let saturated = SIMD8<Int16>(
        truncatingIfNeeded: value.clamped(
          lowerBound: SIMD8(repeating: -32768), upperBound: SIMD8(repeating: 32767)))
      return saturated.clamped(lowerBound: lower, upperBound: upper)
    }
  }

  /// Whether some int32 accumulator makes `acc × scale` (rounded to double) exactly halfway
  /// between two integers whose codes the clamp keeps apart: the only case where rounding to
  /// nearest-even and LiteRT's half-away-from-zero give different outputs.
  ///
  /// Only half-integers `h = b + ½` with `lower ≤ b + zeroPoint < upper` matter (elsewhere both
  /// roundings clamp to the same code), so |h| < 2⁹. As
  /// `fl(acc × scale)` rises with `acc` and the ulp of such `h` is below 2⁻⁴³, an int32
  /// accumulator rounding to `h` needs scale > 2⁻³² and lies within 2⁻¹³ of `h / scale`: it
  /// can only be the integer nearest to `h / scale`.
  static func mayTie(scale: Double, zeroPoint: Int32, lower: Int32, upper: Int32) -> Bool {
    guard scale > 0 else { return false }
    let magic: Double = 6_755_399_441_055_744
    for below in stride(from: Int(lower) - Int(zeroPoint), to: Int(upper) - Int(zeroPoint), by: 1) {
      let half = Double(below) + 0.5
      let quotient = half / scale
      guard quotient.magnitude < 0x1p31 else { continue }
      if ((quotient + magic) - magic) * scale == half { return true }
    }
    return false
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
