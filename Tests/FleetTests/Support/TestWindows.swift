import EdgeAgent
import EdgeCore
import Fleet
import Learning
import Vibration

/// Windows for device tests: a machine of the test fleet, healthy then faulty, and zone thresholds that put
/// about a third of them in the ambiguous zone, so every path of the loop is exercised.
enum TestWindows {
  /// `count` windows, the second half with a severe imbalance, flat.
  static func mixed(count: Int) -> [Float] {
    var simulator = MotorSimulator(machine: TestFleetModels.spec.machines[0], seed: 5)
    var values: [Float] = []
    for index in 0..<count {
      values += simulator.nextWindow(fault: index < count / 2 ? nil : Fault(.imbalance, severity: 0.6))
    }
    return values
  }

  /// A replay of `mixed(count:)`.
  static func replay(count: Int) throws -> ReplaySource {
    try ReplaySource(values: mixed(count: count), layout: SignalLayout())
  }

  /// Thresholds at the 35th and 70th percentile of the edge model's MSE on `mixed(count:)`.
  static func thirds(count: Int) throws -> ZoneThresholds {
    let windows = Matrix(rows: count, cols: 300, values: mixed(count: count))
    let mse = try EdgeModelBuilder.deviceMSE(of: TestFleetModels.shared.edge.tflite, windows: windows)
      .sorted()
    return try ZoneThresholds(low: mse[count * 35 / 100], high: mse[count * 70 / 100])
  }
}
