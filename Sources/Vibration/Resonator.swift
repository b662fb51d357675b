import Foundation

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
