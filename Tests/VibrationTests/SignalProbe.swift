import Foundation

@testable import Vibration

/// Small signal measurements for tests: one axis of a window, its mean, RMS and line amplitudes.
struct SignalProbe {
  let samples: [Double]
  let sampleRateHz: Double

  /// Axis `axis` of an interleaved window.
  init(_ window: [Float], format: WindowFormat, axis: Int) {
    samples = stride(from: axis, to: window.count, by: format.axes).map { Double(window[$0]) }
    sampleRateHz = format.sampleRateHz
  }

  /// A probe of a plain series.
  init(samples: [Double], sampleRateHz: Double) {
    self.samples = samples
    self.sampleRateHz = sampleRateHz
  }

  var mean: Double { samples.reduce(0, +) / Double(samples.count) }

  /// RMS around the mean.
  var deviation: Double {
    let m = mean
    return (samples.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(samples.count)).squareRoot()
  }

  /// Peak amplitude of the line at `frequencyHz` (Hann-windowed DFT at that frequency).
  func amplitude(atHz frequencyHz: Double) -> Double {
    let n = Double(samples.count)
    let m = mean
    var re = 0.0
    var im = 0.0
    var windowSum = 0.0
    for (i, x) in samples.enumerated() {
      let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(i) / n)
      let angle = 2 * Double.pi * frequencyHz * Double(i) / sampleRateHz
      re += w * (x - m) * cos(angle)
      im -= w * (x - m) * sin(angle)
      windowSum += w
    }
    return 2 * (re * re + im * im).squareRoot() / windowSum
  }

  /// Phase of the line at `frequencyHz` in radians (of the cosine).
  func phase(atHz frequencyHz: Double) -> Double {
    var re = 0.0
    var im = 0.0
    let m = mean
    for (i, x) in samples.enumerated() {
      let angle = 2 * Double.pi * frequencyHz * Double(i) / sampleRateHz
      re += (x - m) * cos(angle)
      im -= (x - m) * sin(angle)
    }
    return atan2(im, re)
  }

  /// The element-wise difference of two probes of the same length.
  static func - (lhs: SignalProbe, rhs: SignalProbe) -> SignalProbe {
    SignalProbe(samples: zip(lhs.samples, rhs.samples).map { $0 - $1 }, sampleRateHz: lhs.sampleRateHz)
  }

  /// The squared deviation from the mean: its spectrum shows how impacts repeat.
  var envelope: SignalProbe {
    let m = mean
    return SignalProbe(samples: samples.map { ($0 - m) * ($0 - m) }, sampleRateHz: sampleRateHz)
  }
}

/// A machine with no vibration of its own, so only the sensor (and what a test adds) is seen.
func quietMachine() -> MachineProfile {
  var machine = MachineProfile.reference
  machine.residualVelocityMMs = 0
  machine.structuralNoiseG = 0
  return machine
}

/// The first `count` windows a simulator streams, concatenated.
func stream(_ simulator: inout MotorSimulator, windows count: Int, fault: Fault? = nil) -> [Float] {
  (0..<count).flatMap { _ in simulator.nextWindow(fault: fault) }
}
