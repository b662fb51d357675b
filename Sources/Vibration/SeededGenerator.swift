import Foundation

/// A seeded xoshiro256** generator, so every simulated window is reproducible from its seed.
///
/// `SystemRandomNumberGenerator` is never used: the same seed must give the same bytes on every machine.
struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)
  private var spareGaussian: Double?

  /// A generator whose 256-bit state is expanded from `seed` with SplitMix64.
  init(seed: UInt64) {
    var mixer = SplitMix64(state: seed)
    state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
  }

  /// A generator for one named sub-stream of `seed` (machine, split, noise …), independent of the others.
  init(seed: UInt64, stream: UInt64) {
    var mixer = SplitMix64(state: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
    self.init(seed: mixer.next())
  }

  mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let shifted = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= shifted
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  /// A uniform double in [0, 1).
  mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in `range`.
  mutating func uniform(_ range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
  }

  /// A uniform integer in 0..<bound (bound > 0); the modulo bias is below 2⁻³² for any practical bound.
  mutating func index(below bound: Int) -> Int {
    Int(next() % UInt64(bound))
  }

  /// Shuffles in place (Fisher–Yates) with this generator only, so the order never depends on the stdlib.
  mutating func shuffle<Element>(_ array: inout [Element]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(i, index(below: i + 1))
    }
  }

  /// A standard normal deviate (Marsaglia's polar method; the second deviate of each pair is kept).
  mutating func nextGaussian() -> Double {
    if let spare = spareGaussian {
      spareGaussian = nil
      return spare
    }
    while true {
      let u = 2 * nextUnit() - 1
      let v = 2 * nextUnit() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        let factor = (-2 * log(s) / s).squareRoot()
        spareGaussian = v * factor
        return u * factor
      }
    }
  }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }
}

/// SplitMix64, used only to expand a 64-bit seed into xoshiro state.
private struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
