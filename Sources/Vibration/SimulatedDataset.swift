import Dispatch

/// The simulated train, validation, test and marginal sets of a spec, and the machines behind them.
public struct SimulatedDataset: Sendable {
  /// What was simulated.
  public let spec: SimulatedDatasetSpec
  /// The fleet, in machine order.
  public let machines: [MachineProfile]
  /// Normal windows for training (labels all 0).
  public let train: WindowSet
  /// Normal windows for early stopping and thresholds (labels all 0).
  public let validation: WindowSet
  /// Normal and faulty windows, shuffled, with labels, fault modes and severities.
  public let test: WindowSet
  /// Mild faults only (labels all 1): the windows that should land near the thresholds.
  public let marginal: WindowSet

  /// Simulates every set of `spec`; each machine streams its windows with pauses between recordings.
  ///
  /// Work is split by (set, machine) and spread over all cores; each piece has its own seed, so the
  /// result does not depend on scheduling.
  public init(spec: SimulatedDatasetSpec) {
    self.spec = spec
    machines = spec.machines
    var planner = SeededGenerator(seed: spec.seed, stream: 0x504C_414E)
    let plans = [
      Self.plan(normal: spec.trainCount, faults: 0, severity: 0...0, spec: spec, random: &planner),
      Self.plan(normal: spec.validationCount, faults: 0, severity: 0...0, spec: spec, random: &planner),
      Self.plan(
        normal: spec.testNormalCount, faults: spec.testFaultCount, severity: spec.testSeverity, spec: spec,
        random: &planner),
      Self.plan(
        normal: 0, faults: spec.marginalCount, severity: spec.marginalSeverity, spec: spec, random: &planner),
    ]
    let windows = Self.render(plans: plans, machines: machines, spec: spec)
    let sets = zip(plans, windows).map { plan, values in
      WindowSet(
        width: spec.format.valuesPerWindow, values: values, labels: plan.map { $0.fault == nil ? 0 : 1 },
        faultModes: plan.map { $0.fault?.mode }, severities: plan.map { $0.fault?.severity ?? 0 },
        format: spec.format)
    }
    train = sets[0]
    validation = sets[1]
    test = sets[2]
    marginal = sets[3]
  }

  /// One window to record: which machine, and which fault if any.
  struct Row: Sendable {
    let machine: Int
    let fault: Fault?
  }

  /// The rows of one set in their final (shuffled) order: faults in equal shares per mode.
  static func plan(
    normal: Int, faults: Int, severity: ClosedRange<Float>, spec: SimulatedDatasetSpec,
    random: inout SeededGenerator
  ) -> [Row] {
    let range = Double(severity.lowerBound)...Double(severity.upperBound)
    var rows = (0..<normal).map { _ in Row(machine: random.index(below: spec.machineCount), fault: nil) }
    for index in 0..<faults {
      let fault = Fault(
        spec.faultModes[index % spec.faultModes.count], severity: Float(random.uniform(range)))
      rows.append(Row(machine: random.index(below: spec.machineCount), fault: fault))
    }
    random.shuffle(&rows)
    return rows
  }

  /// Simulates all rows of all plans, one job per (set, machine), on all cores.
  static func render(plans: [[Row]], machines: [MachineProfile], spec: SimulatedDatasetSpec) -> [[Float]] {
    let width = spec.format.valuesPerWindow
    let buffers = plans.map { UnsafeMutableBufferPointer<Float>.allocate(capacity: $0.count * width) }
    defer { buffers.forEach { $0.deallocate() } }
    let jobs = plans.indices.flatMap { set in machines.indices.map { (set: set, machine: $0) } }
    let shared = SharedBuffers(buffers: buffers)
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      let job = jobs[index]
      let seed = spec.seed ^ (UInt64(job.set + 1) << 32) ^ UInt64(job.machine + 1)
      var timing = SeededGenerator(seed: seed, stream: 0x4741_5053)
      var simulator = MotorSimulator(
        machine: machines[job.machine], format: spec.format, sensor: spec.sensor, seed: seed)
      let output = shared.buffers[job.set]
      for (row, plan) in plans[job.set].enumerated() where plan.machine == job.machine {
        simulator.advance(bySeconds: timing.uniform(spec.recordingGapSeconds))
        if plan.fault != nil { simulator.startNewFaultEpisode() }
        let slice = UnsafeMutableBufferPointer(rebasing: output[(row * width)..<((row + 1) * width)])
        simulator.nextWindow(fault: plan.fault, into: slice)
      }
    }
    return buffers.map { Array($0) }
  }
}

/// Output buffers written by concurrent jobs; each job writes only its own rows.
private struct SharedBuffers: @unchecked Sendable {
  let buffers: [UnsafeMutableBufferPointer<Float>]
}
