import Foundation

/// A second-order Butterworth low-pass (bilinear transform, pre-warped), run one sample at a time.
///
/// Models the sensor's DLPF; its state carries from window to window like the real filter's.
struct LowPassFilter: Sendable {
  private let b0: Double
  private let b1: Double
  private let a1: Double
  private let a2: Double
  private var z1 = 0.0
  private var z2 = 0.0

  /// A filter with a −3 dB point at `cutoffHz` for samples at `sampleRateHz`.
  init(cutoffHz: Double, sampleRateHz: Double) {
    precondition(
      cutoffHz > 0 && cutoffHz < sampleRateHz / 2,
      "the DLPF cutoff must lie below the internal Nyquist frequency")
    let k = tan(Double.pi * cutoffHz / sampleRateHz)
    let norm = 1 / (1 + 2.0.squareRoot() * k + k * k)
    b0 = k * k * norm
    b1 = 2 * b0
    a1 = 2 * (k * k - 1) * norm
    a2 = (1 - 2.0.squareRoot() * k + k * k) * norm
  }

  /// Filters one sample (direct form II transposed; b2 equals b0).
  mutating func step(_ x: Double) -> Double {
    let y = b0 * x + z1
    z1 = b1 * x - a1 * y + z2
    z2 = b0 * x - a2 * y
    return y
  }

  /// Forgets the past input, as after a long pause.
  mutating func reset() {
    z1 = 0
    z2 = 0
  }
}
