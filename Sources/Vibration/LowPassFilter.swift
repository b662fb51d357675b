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

/// A damped structural resonance excited by impacts: each unit impulse rings with a peak of about one.
///
/// A zero at DC keeps the ringing free of any mean: a housing that is struck does not fly away.
struct Resonator: Sendable {
  private let c1: Double
  private let c2: Double
  private let inputGain: Double
  private var x1 = 0.0
  private var y1 = 0.0
  private var y2 = 0.0

  /// A resonance at `frequencyHz` with damping ratio `damping`, sampled at `sampleRateHz`.
  init(frequencyHz: Double, damping: Double, sampleRateHz: Double) {
    let omega = 2 * Double.pi * frequencyHz / sampleRateHz
    let radius = exp(-damping * omega)
    let angle = omega * (1 - damping * damping).squareRoot()
    c1 = 2 * radius * cos(angle)
    c2 = -radius * radius
    inputGain = cos(angle / 2)
  }

  /// Advances one sample with an impulse of `impulse` g peak and returns the ringing acceleration.
  mutating func step(_ impulse: Double) -> Double {
    let x = inputGain * impulse
    let y = c1 * y1 + c2 * y2 + x - x1
    x1 = x
    y2 = y1
    y1 = y
    return y
  }

  /// Stops the ringing, as after a long pause.
  mutating func reset() {
    x1 = 0
    y1 = 0
    y2 = 0
  }
}
