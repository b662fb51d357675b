import EdgeCore
import Foundation
import Learning
import Wire

/// Deterministic synthetic vibration windows (100 samples × 3 axes at 200 Hz, in g).
///
/// Normal: a 25 Hz ±4 % shaft line on x and y (90° apart) and a little on z, gravity on z, noise.
/// Faulty: the same machine with imbalance (the 1× line 2.5× stronger) and a 2× harmonic.
enum TestWindows {
  /// `count` windows from one seed.
  static func windows(count: Int, faulty: Bool, seed: UInt64) -> [[Float]] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in window(faulty: faulty, random: &random) }
  }

  /// One window from a seed.
  static func window(seed: UInt64, faulty: Bool = false) -> [Float] {
    var random = SplitMix64(seed: seed)
    return window(faulty: faulty, random: &random)
  }

  private static func window(faulty: Bool, random: inout SplitMix64) -> [Float] {
    let frequency = 25 * (1 + 0.08 * (random.unit() - 0.5))
    let phase = 2 * Double.pi * random.unit()
    let gain = faulty ? 2.5 : 1.0
    let harmonic = faulty ? 0.04 : 0.0
    var values = [Float]()
    values.reserveCapacity(300)
    for sample in 0..<100 {
      let angle = 2 * Double.pi * frequency * Double(sample) / 200 + phase
      let x = gain * 0.08 * sin(angle) + harmonic * sin(2 * angle)
      let y = gain * 0.06 * cos(angle) + harmonic * cos(2 * angle)
      let z = 1 + 0.015 * gain * sin(angle)
      for value in [x, y, z] { values.append(Float(value + 0.004 * random.gaussian())) }
    }
    return values
  }

  /// A `/classify` body as the lesson's firmware sends it (three fields).
  static func lessonBody(deviceID: String, features: [Float], edgeMSE: Double) -> Data {
    let values = features.map { "\($0)" }.joined(separator: ",")
    return Data(#"{"device_id":"\#(deviceID)","features":[\#(values)],"edge_mse":\#(edgeMSE)}"#.utf8)
  }
}

extension SplitMix64 {
  /// Uniform in (0, 1).
  fileprivate mutating func unit() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }

  /// Standard normal (Box–Muller).
  fileprivate mutating func gaussian() -> Double { (-2 * log(unit())).squareRoot() * cos(2 * .pi * unit()) }
}
