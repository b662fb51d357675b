import Foundation

/// A running machine watched by an MPU6050: streams consecutive, phase-continuous windows of vibration.
///
/// Deterministic from its seed. Each call to `nextWindow` continues where the previous window ended
/// (shaft phase, filter and resonance states, load and speed processes), so a device simulation can
/// read window after window; `advance(bySeconds:)` skips time between recordings.
public struct MotorSimulator: Sendable {
  /// The machine being simulated.
  public let machine: MachineProfile
  /// The window shape produced.
  public let format: WindowFormat
  /// The accelerometer model.
  public let sensor: SensorModel
  /// Simulated time since the simulator started, in seconds.
  public internal(set) var elapsedSeconds: Double = 0

  let decimation: Int
  let internalRateHz: Double
  let roles: [Int]
  let signature: MachineSignature
  let staticReading: [Double]
  let structuralPole: Double
  let warmUpSamples: Int

  var process: SeededGenerator
  var noise: SeededGenerator
  var faultRandom: SeededGenerator
  var geometry: FaultGeometry
  var load: Double
  var speedWander: Double
  var halfShaftPhase: Double
  var linePhase: Double
  var defectCycles = 0.0
  var nextImpact: Double
  var structural: [Double]
  var filters: [LowPassFilter]
  var resonators: [Resonator]
  var verticalClipped = false
  var clipMeans: [Double]
  var needsWarmUp = true
  var lastFault: Fault?

  /// Time constant of the load process, in seconds.
  static let loadTimeConstant = 20.0
  /// Time constant of the shaft speed wander, in seconds.
  static let wanderTimeConstant = 2.0
  /// Fractional speed drop per unit of load above the mean (induction-motor slip).
  static let slipPerLoad = 0.03
  /// Time constant with which clipped motion loses its mean: a stopped housing does not drift away.
  static let clipMeanTimeConstant = 0.05
  /// Settling time run before the first window and after a pause, so filters and rings are in steady state.
  static let warmUpSeconds = 0.064

  /// A simulator for `machine` producing `format` windows through `sensor` (default: an MPU6050 for that format).
  public init(
    machine: MachineProfile = .reference, format: WindowFormat = .lesson, sensor: SensorModel? = nil,
    seed: UInt64
  ) {
    precondition(
      [machine.axisGains, machine.zeroGOffsetG, machine.sensitivityScale].allSatisfy { $0.count == 3 }
        && machine.tiltDegrees.count == 2, "machine per-role arrays need 3 values (tilt: 2)")
    let sensor = sensor ?? .mpu6050(for: format)
    self.machine = machine
    self.format = format
    self.sensor = sensor
    decimation = sensor.decimation(for: format)
    internalRateHz = sensor.internalRateHz(for: format)
    roles = (0..<format.axes).map { $0 % 3 }
    signature = MachineSignature(machine: machine)
    let roll = machine.tiltDegrees[0] * Double.pi / 180
    let pitch = machine.tiltDegrees[1] * Double.pi / 180
    let gravity = [-sin(pitch), sin(roll) * cos(pitch), cos(roll) * cos(pitch)]
    staticReading = roles.map { machine.sensitivityScale[$0] * gravity[$0] + machine.zeroGOffsetG[$0] }
    structuralPole = exp(-2 * Double.pi * machine.structuralNoiseCornerHz / internalRateHz)
    warmUpSamples = Int((Self.warmUpSeconds * internalRateHz).rounded(.up))

    process = SeededGenerator(seed: seed, stream: 1)
    noise = SeededGenerator(seed: seed, stream: 2)
    faultRandom = SeededGenerator(seed: seed, stream: 3)
    geometry = FaultGeometry(random: &faultRandom)
    load = machine.meanLoad + machine.loadVariability * process.nextGaussian()
    speedWander = machine.speedWander * process.nextGaussian()
    halfShaftPhase = process.uniform(0...(2 * Double.pi))
    linePhase = process.uniform(0...(2 * Double.pi))
    nextImpact = faultRandom.nextUnit()
    structural = Array(repeating: 0, count: format.axes)
    clipMeans = structural
    let filter = LowPassFilter(cutoffHz: sensor.dlpfBandwidthHz, sampleRateHz: internalRateHz)
    filters = Array(repeating: filter, count: format.axes)
    let resonator = Resonator(
      frequencyHz: min(machine.resonanceHz, 0.45 * internalRateHz), damping: machine.resonanceDamping,
      sampleRateHz: internalRateHz)
    resonators = Array(repeating: resonator, count: format.axes)
  }

  /// Shaft rotation frequency now, in Hz (with load slip, wander and drift).
  public var currentShaftHz: Double { shaftHz(load: load, wander: speedWander, atSeconds: elapsedSeconds) }

  /// The next window, healthy or with `fault`; consecutive calls give consecutive time.
  public mutating func nextWindow(fault: Fault? = nil) -> [Float] {
    [Float](unsafeUninitializedCapacity: format.valuesPerWindow) { buffer, count in
      nextWindow(fault: fault, into: buffer)
      count = format.valuesPerWindow
    }
  }

  /// Writes the next window into `output`, which must hold exactly `format.valuesPerWindow` values.
  public mutating func nextWindow(fault: Fault?, into output: UnsafeMutableBufferPointer<Float>) {
    precondition(
      output.count == format.valuesPerWindow,
      "output holds \(output.count) values, a window has \(format.valuesPerWindow)")
    if needsWarmUp {
      render(samples: warmUpSamples, fault: fault, into: nil)
      needsWarmUp = false
    }
    render(samples: format.samplesPerWindow * decimation, fault: fault, into: output)
    lastFault = fault
  }

  /// The next window with the fault a developing ramp has reached at the window's start.
  public mutating func nextWindow(ramp: FaultRamp) -> [Float] {
    nextWindow(fault: ramp.fault(atSeconds: elapsedSeconds))
  }

  /// Skips `seconds` of running without recording (the load and speed processes move on).
  public mutating func advance(bySeconds seconds: Double) {
    precondition(seconds >= 0, "time only moves forward")
    let samples = Int((seconds * internalRateHz).rounded())
    if samples <= 2 * warmUpSamples {
      render(samples: samples, fault: lastFault, into: nil)
      return
    }
    let jump = Double(samples - warmUpSamples) / internalRateHz
    let startShaftHz = currentShaftHz
    stepProcesses(over: jump)
    let meanShaftHz =
      (startShaftHz + shaftHz(load: load, wander: speedWander, atSeconds: elapsedSeconds + jump)) / 2
    halfShaftPhase = (halfShaftPhase + Double.pi * meanShaftHz * jump).truncatingRemainder(
      dividingBy: 2 * Double.pi)
    linePhase = (linePhase + 4 * Double.pi * machine.lineFrequencyHz * jump).truncatingRemainder(
      dividingBy: 2 * Double.pi)
    defectCycles = 0
    nextImpact = faultRandom.nextUnit()
    elapsedSeconds += jump
    for axis in 0..<format.axes {
      structural[axis] = 0
      clipMeans[axis] = 0
      filters[axis].reset()
      resonators[axis].reset()
    }
    verticalClipped = false
    needsWarmUp = true
  }

  /// Starts a new occurrence of a fault: a new imbalance angle, new line phases, new impact timing.
  public mutating func startNewFaultEpisode() {
    geometry = FaultGeometry(random: &faultRandom)
  }

  /// Shaft frequency for a load, speed wander and time.
  func shaftHz(load: Double, wander: Double, atSeconds time: Double) -> Double {
    let drift = 1 + machine.drift.speedShiftPerHour * time / 3600
    return machine.shaftHz * drift * (1 - Self.slipPerLoad * (load - machine.meanLoad)) * (1 + wander)
  }

  /// Healthy-vibration amplitude factor for a load and time (load changes and slow growth).
  func vibrationLevel(load: Double, atSeconds time: Double) -> Double {
    max(0, 1 + load - machine.meanLoad) * max(0, 1 + machine.drift.vibrationGrowthPerHour * time / 3600)
  }

  /// Moves load and speed wander on by `seconds` (exact Ornstein–Uhlenbeck steps).
  mutating func stepProcesses(over seconds: Double) {
    func step(_ value: Double, mean: Double, deviation: Double, timeConstant: Double) -> Double {
      let decay = exp(-seconds / timeConstant)
      return mean + (value - mean) * decay + deviation * (1 - decay * decay).squareRoot()
        * process.nextGaussian()
    }
    load = min(
      max(
        step(
          load, mean: machine.meanLoad, deviation: machine.loadVariability,
          timeConstant: Self.loadTimeConstant), 0.05),
      1.5)
    speedWander = step(
      speedWander, mean: 0, deviation: machine.speedWander, timeConstant: Self.wanderTimeConstant)
  }
}
