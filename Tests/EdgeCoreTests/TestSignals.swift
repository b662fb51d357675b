import EdgeCore

/// A small seeded generator (SplitMix64) so that test data is the same on every run and platform.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Runs a front-end on one window held in an array.
func extractFeatures(_ frontEnd: inout FrontEnd, _ window: [Float]) -> [Float] {
  var features = [Float](repeating: .nan, count: frontEnd.featureCount)
  window.withUnsafeBufferPointer { input in
    features.withUnsafeMutableBufferPointer { output in frontEnd.extract(window: input, into: output) }
  }
  return features
}
