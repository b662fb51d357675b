import EdgeAgent
import EdgeCore
import Vibration

/// A simulated machine as a sensor: consecutive windows of its vibration with a fault that may develop at a
/// scheduled time, each window's ground truth recorded; optionally paced in real time.
public struct SimulatedMachineSource: SensorSource, Sendable {
  /// The window shape.
  public let layout: SignalLayout
  /// The label of every window produced.
  public let truth: GroundTruth
  /// The fault that develops, if any.
  public let fault: FaultRamp?
  /// Windows to produce; nil: forever.
  public let windowLimit: Int?
  /// Real-time wait per window; nil: as fast as possible (virtual time).
  public let pacing: Duration?
  private var simulator: MotorSimulator
  private var produced = 0

  /// A source watching `machine` (deterministic from `seed`); a window is anomalous once `fault` has appeared.
  public init(
    machine: MachineProfile, seed: UInt64, fault: FaultRamp?, format: WindowFormat = .lesson,
    windowLimit: Int? = nil, pacing: Duration? = nil, truth: GroundTruth = GroundTruth()
  ) {
    simulator = MotorSimulator(machine: machine, format: format, seed: seed)
    layout = SignalLayout(
      samplesPerWindow: format.samplesPerWindow, axes: format.axes, sampleRateHz: Float(format.sampleRateHz))
    self.fault = fault
    self.windowLimit = windowLimit
    self.pacing = pacing
    self.truth = truth
  }

  /// The next window of the machine, with the fault as developed at its start; none once the task is cancelled.
  public mutating func nextWindow(into window: inout [Float]) async throws(Never) -> Bool {
    if let windowLimit, produced >= windowLimit { return false }
    if let pacing { try? await Task.sleep(for: pacing) }
    if Task.isCancelled { return false }
    let current = fault?.fault(atSeconds: simulator.elapsedSeconds)
    window.withUnsafeMutableBufferPointer { simulator.nextWindow(fault: current, into: $0) }
    truth.append(current.map { $0.severity > 0 } ?? false)
    produced += 1
    return true
  }
}
