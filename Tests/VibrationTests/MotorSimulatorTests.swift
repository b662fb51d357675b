import Foundation
import Testing

@testable import Vibration

@Suite("Motor simulator")
struct MotorSimulatorTests {
  @Test("the same seed streams the same bytes; another seed streams different ones")
  func determinism() {
    var a = MotorSimulator(machine: .random(seed: 5), seed: 11)
    var b = MotorSimulator(machine: .random(seed: 5), seed: 11)
    var c = MotorSimulator(machine: .random(seed: 5), seed: 12)
    let first = stream(&a, windows: 3, fault: Fault(.bearing, severity: 0.5))
    #expect(first == stream(&b, windows: 3, fault: Fault(.bearing, severity: 0.5)))
    #expect(first != stream(&c, windows: 3, fault: Fault(.bearing, severity: 0.5)))
  }

  @Test("every value is a whole number of 1/16384 g counts within ±2 g")
  func quantized() {
    var simulator = MotorSimulator(machine: .random(seed: 2), seed: 1)
    let values = stream(&simulator, windows: 5, fault: Fault(.looseness, severity: 1))
    #expect(values.count == 5 * 300)
    #expect(values.allSatisfy { ($0 * 16384).rounded() == $0 * 16384 && $0 >= -2 && $0 < 2 })
  }

  @Test("gravity reads about +1 g on the vertical z axis and little on x and y")
  func gravityOnZ() {
    var simulator = MotorSimulator(seed: 3)
    let window = simulator.nextWindow()
    let means = (0..<3).map { SignalProbe(window, format: .lesson, axis: $0).mean }
    #expect(abs(means[2] - 1) < 0.1)
    #expect(abs(means[0]) < 0.15 && abs(means[1]) < 0.15)
  }

  @Test("a machine without vibration shows the documented sensor noise density × √bandwidth")
  func sensorNoiseMatchesDatasheet() {
    var simulator = MotorSimulator(machine: quietMachine(), seed: 4)
    let windows = (0..<40).map { _ in simulator.nextWindow() }
    let deviations = (0..<3).map { axis in
      let all = windows.map { SignalProbe($0, format: .lesson, axis: axis).deviation }
      return (all.map { $0 * $0 }.reduce(0, +) / Double(all.count)).squareRoot()
    }
    for deviation in deviations {
      #expect(abs(deviation / simulator.sensor.outputNoiseRMSG - 1) < 0.1, "noise \(deviation) g")
    }
  }

  @Test("a 1 kHz, 500-sample format streams windows of that size with the 1× line at shaft speed")
  func oneKilohertz() {
    let format = WindowFormat(samplesPerWindow: 500, axes: 3, sampleRateHz: 1000)
    var simulator = MotorSimulator(format: format, seed: 5)
    let shaft = simulator.currentShaftHz
    let window = simulator.nextWindow()
    #expect(window.count == 1500)
    let x = SignalProbe(window, format: format, axis: 0)
    #expect(x.amplitude(atHz: shaft) > 5 * x.amplitude(atHz: shaft * 1.37))
    #expect(x.amplitude(atHz: shaft) > 0.02)
  }

  @Test("one-axis and six-axis formats work; every third axis is vertical and carries gravity")
  func axisCounts() {
    var single = MotorSimulator(format: WindowFormat(samplesPerWindow: 50, axes: 1), seed: 12)
    #expect(single.nextWindow().count == 50)
    let six = WindowFormat(samplesPerWindow: 50, axes: 6)
    var simulator = MotorSimulator(format: six, seed: 12)
    let window = simulator.nextWindow(fault: Fault(.looseness, severity: 1))
    let means = (0..<6).map { SignalProbe(window, format: six, axis: $0).mean }
    #expect(window.count == 300)
    #expect(abs(means[2] - 1) < 0.1 && abs(means[5] - 1) < 0.1)
    #expect([0, 1, 3, 4].allSatisfy { abs(means[$0]) < 0.15 })
  }

  @Test("consecutive windows join without a jump: the boundary step is like the steps inside a window")
  func phaseContinuity() {
    var machine = quietMachine()
    machine.residualVelocityMMs = 2
    let sensor = SensorModel(noiseDensityGPerRootHz: 0, dlpfBandwidthHz: 94)
    var simulator = MotorSimulator(machine: machine, sensor: sensor, seed: 6)
    let joined = SignalProbe(stream(&simulator, windows: 2), format: .lesson, axis: 0).samples
    let steps = zip(joined.dropFirst(), joined).map { abs($0 - $1) }
    let largestInside = steps.enumerated().filter { $0.offset != 99 }.map(\.element).max()!
    #expect(steps[99] <= largestInside * 1.05)
  }

  @Test("the healthy 1× amplitude follows the machine's ISO velocity: 1.4 mm/s at 24.8 Hz is 0.032 g peak")
  func healthyAmplitude() {
    var machine = MachineProfile.reference
    machine.structuralNoiseG = 0
    machine.loadVariability = 0
    var simulator = MotorSimulator(machine: machine, format: WindowFormat(samplesPerWindow: 400), seed: 7)
    let shaft = simulator.currentShaftHz
    let x = SignalProbe(simulator.nextWindow(), format: WindowFormat(samplesPerWindow: 400), axis: 0)
    let dlpf = 1 / (1 + pow(shaft / 94, 4)).squareRoot()
    #expect(abs(x.amplitude(atHz: shaft) / (0.0318 * dlpf) - 1) < 0.1)
  }

  @Test("drift makes a machine vibrate more after hours of running while staying fault-free")
  func drift() {
    var machine = MachineProfile.reference
    machine.drift = MachineDrift(vibrationGrowthPerHour: 0.5)
    var simulator = MotorSimulator(machine: machine, seed: 8)
    let before = SignalProbe(simulator.nextWindow(), format: .lesson, axis: 0).deviation
    simulator.advance(bySeconds: 2 * 3600)
    #expect(abs(simulator.elapsedSeconds - 2 * 3600) < 1)
    let after = SignalProbe(simulator.nextWindow(), format: .lesson, axis: 0).deviation
    #expect(after > 1.6 * before)
  }

  @Test("a fault ramp is absent before it starts, grows linearly and holds at its end severity")
  func ramp() {
    let ramp = FaultRamp(.bearing, startSeconds: 10, durationSeconds: 100, startSeverity: 0, endSeverity: 0.8)
    #expect(ramp.fault(atSeconds: 5) == nil)
    #expect(ramp.fault(atSeconds: 60)?.severity == 0.4)
    #expect(ramp.fault(atSeconds: 1000)?.severity == 0.8)
    var simulator = MotorSimulator(seed: 9)
    simulator.advance(bySeconds: 200)
    var healthy = MotorSimulator(seed: 9)
    healthy.advance(bySeconds: 200)
    #expect(simulator.nextWindow(ramp: ramp) == healthy.nextWindow(fault: Fault(.bearing, severity: 0.8)))
  }
}
