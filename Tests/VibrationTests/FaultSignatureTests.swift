import Foundation
import Testing

@testable import Vibration

/// Windows of one machine and seed that differ only in the fault: noise and load are the same draws.
private func window(
  _ fault: Fault?, machine: MachineProfile = .reference,
  format: WindowFormat = WindowFormat(samplesPerWindow: 400),
  seed: UInt64 = 21
) -> (window: [Float], shaftHz: Double) {
  var simulator = MotorSimulator(machine: machine, format: format, seed: seed)
  let shaft = simulator.currentShaftHz
  return (simulator.nextWindow(fault: fault), shaft)
}

@Suite("Fault signatures")
struct FaultSignatureTests {
  let format = WindowFormat(samplesPerWindow: 400)

  @Test("imbalance raises the radial 1× line with severity, horizontal and vertical in quadrature")
  func imbalance() {
    let severities: [Float] = [0, 0.5, 1]
    let runs = severities.map { window(Fault(.imbalance, severity: $0)) }
    let shaft = runs[0].shaftHz
    for axis in [0, 2] {
      let lines = runs.map { SignalProbe($0.window, format: format, axis: axis).amplitude(atHz: shaft) }
      #expect(lines[0] < lines[1] && lines[1] < lines[2], "axis \(axis): \(lines)")
      #expect(lines[2] > 2.5 * lines[0])
    }
    let added = (0..<3).map {
      SignalProbe(runs[2].window, format: format, axis: $0)
        - SignalProbe(runs[0].window, format: format, axis: $0)
    }
    var lag = added[0].phase(atHz: shaft) - added[2].phase(atHz: shaft)
    lag = atan2(sin(lag), cos(lag))
    #expect(abs(abs(lag) - Double.pi / 2) < 0.3, "x–z phase difference \(lag)")
    #expect(added[1].amplitude(atHz: shaft) < 0.2 * added[0].amplitude(atHz: shaft))
  }

  /// One axis of the healthy and the faulty window of the same machine, seed and moment.
  private func compare(_ fault: Fault, axis: Int) -> (
    healthy: SignalProbe, faulty: SignalProbe, shaftHz: Double
  ) {
    let healthy = window(nil)
    let faulty = window(fault)
    return (
      SignalProbe(healthy.window, format: format, axis: axis),
      SignalProbe(faulty.window, format: format, axis: axis),
      healthy.shaftHz
    )
  }

  @Test("misalignment raises radial 2× and, above all, axial 1× and 2×")
  func misalignment() {
    let axial = compare(Fault(.misalignment, severity: 1), axis: 1)
    #expect(axial.faulty.amplitude(atHz: axial.shaftHz) > 3 * axial.healthy.amplitude(atHz: axial.shaftHz))
    #expect(
      axial.faulty.amplitude(atHz: 2 * axial.shaftHz) > 3 * axial.healthy.amplitude(atHz: 2 * axial.shaftHz))
    let radial = compare(Fault(.misalignment, severity: 1), axis: 0)
    #expect(
      radial.faulty.amplitude(atHz: 2 * radial.shaftHz) > 2
        * radial.healthy.amplitude(atHz: 2 * radial.shaftHz))
  }

  @Test("looseness adds half-order and high harmonics and clips the vertical motion on one side")
  func looseness() {
    let (before, after, shaft) = compare(Fault(.looseness, severity: 1), axis: 2)
    for order in [0.5, 1.5, 2.5, 3.0] {
      #expect(
        after.amplitude(atHz: order * shaft) > 4 * before.amplitude(atHz: order * shaft), "order \(order)")
    }
    func tails(_ probe: SignalProbe) -> (up: Double, down: Double) {
      let sorted = probe.samples.sorted()
      return (sorted[sorted.count * 99 / 100] - probe.mean, probe.mean - sorted[sorted.count / 100])
    }
    let clipped = tails(after)
    let symmetric = tails(before)
    #expect(clipped.up > 1.25 * clipped.down, "upper tail \(clipped.up) g vs lower \(clipped.down) g")
    #expect(abs(symmetric.up / symmetric.down - 1) < 0.15)
  }

  @Test("bearing impacts repeat at the defect frequency (seen at 1 kHz) and are modulated by 1×")
  func bearing() {
    let format = WindowFormat(samplesPerWindow: 1000, axes: 3, sampleRateHz: 1000)
    let run = window(Fault(.bearing, severity: 0.5), format: format)
    let defect = MachineProfile.reference.bearingDefectOrder * run.shaftHz
    let envelope = SignalProbe(run.window, format: format, axis: 2).envelope
    let candidates = stride(from: 60.0, through: 200.0, by: 0.5)
    let strongest = candidates.max { envelope.amplitude(atHz: $0) < envelope.amplitude(atHz: $1) }!
    #expect(abs(strongest - defect) < 2, "envelope peak at \(strongest) Hz, defect frequency \(defect) Hz")
    let healthy = SignalProbe(window(nil, format: format).window, format: format, axis: 2).envelope
    #expect(envelope.amplitude(atHz: run.shaftHz) > 5 * healthy.amplitude(atHz: run.shaftHz))
  }

  @Test("a bearing worn into its last stage raises 1× and its harmonics; before that it only rings")
  func bearingWear() {
    let shaft = window(nil).shaftHz
    let vertical = [nil, Fault(.bearing, severity: 0.7), Fault(.bearing, severity: 1)].map {
      SignalProbe(window($0).window, format: format, axis: 2)
    }
    for order in 1...3 {
      let lines = vertical.map { $0.amplitude(atHz: Double(order) * shaft) }
      if order < 3 {
        #expect(lines[1] < 1.5 * lines[0], "\(order)×: healthy \(lines[0]) g, ringing \(lines[1]) g")
      }
      #expect(lines[2] > 3 * lines[1], "\(order)×: ringing \(lines[1]) g, worn \(lines[2]) g")
    }
  }

  @Test("every fault at severity 1 shakes some axis far beyond any healthy machine; at 0.1 it stays within")
  func severityCalibration() {
    var fleetMaximum = [Double](repeating: 0, count: 3)
    for machine in SimulatedDatasetSpec(seed: 3).machines {
      var simulator = MotorSimulator(machine: machine, seed: 30)
      for _ in 0..<10 {
        simulator.advance(bySeconds: 30)
        let window = simulator.nextWindow()
        for axis in 0..<3 {
          fleetMaximum[axis] = max(
            fleetMaximum[axis], SignalProbe(window, format: .lesson, axis: axis).deviation)
        }
      }
    }
    func ratio(_ severity: Float, _ mode: FaultMode, seed: UInt64) -> Double {
      let faulty = window(Fault(mode, severity: severity), format: .lesson, seed: seed).window
      return (0..<3).map { SignalProbe(faulty, format: .lesson, axis: $0).deviation / fleetMaximum[$0] }
        .max()!
    }
    for mode in FaultMode.allCases {
      let severe = (40..<48).map { ratio(1, mode, seed: $0) }
      let mild = (40..<48).map { ratio(0.1, mode, seed: $0) }.sorted()
      #expect(severe.min()! > 1.4, "\(mode) at severity 1: \(severe)")
      #expect(mild[mild.count / 2] < 1, "\(mode) at severity 0.1: \(mild)")
    }
  }
}
