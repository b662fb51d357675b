import EdgeCore
import Learning
import Testing
import Vibration

@testable import edgehybrid

/// The learning core on the simulator: the presets separate faults from normal operation.
@Suite struct SimulatorDetectionTests {
  static let spec = SimulatedDatasetSpec(
    seed: 2026, trainCount: 2000, validationCount: 400, testNormalCount: 600, testFaultCount: 600,
    marginalCount: 0, testSeverity: 0.2...1)

  static func trained(_ preset: ModelPreset, on data: SimulatedDataset) -> Autoencoder {
    let frontEnd = FrontEndSpec(kind: .raw, layout: SignalLayout(data.spec.format))
    return Autoencoder.train(
      features: frontEnd.features(ofWindows: DatasetFiles.matrix(data.train)),
      validation: frontEnd.features(ofWindows: DatasetFiles.matrix(data.validation)), frontEnd: frontEnd,
      preset: preset, config: TrainingConfig(epochs: 60, earlyStopping: EarlyStopping(patience: 8)))
  }

  @Test func cloudPresetReachesAUC095AndEdgePresetAUC09OnModerateFaultsAndEverySeverityOneFaultIsFlagged()
    throws
  {
    let data = SimulatedDataset(spec: Self.spec)
    let labels = (data.test.labels ?? []).map { $0 != 0 }
    let test = DatasetFiles.matrix(data.test)
    let edge = Self.trained(.edge, on: data)
    let cloud = Self.trained(.cloud, on: data)
    let edgeAUC = try RankingMetrics(scores: edge.reconstructionErrors(windows: test), labels: labels).rocAUC
    let cloudAUC = try RankingMetrics(scores: cloud.reconstructionErrors(windows: test), labels: labels)
      .rocAUC
    #expect(cloudAUC >= 0.95, "cloud ROC AUC \(cloudAUC)")
    #expect(edgeAUC >= 0.9, "edge ROC AUC \(edgeAUC)")

    let train = DatasetFiles.matrix(data.train)
    let edgeZones = try ThresholdsDocument(fitting: edge.reconstructionErrors(windows: train), version: 1)
      .zoneThresholds()
    let cloudThresholds = try ThresholdsDocument(
      fitting: cloud.reconstructionErrors(windows: train), version: 1)
    let cloudCut = Float((cloudThresholds.lowThreshold + cloudThresholds.highThreshold) / 2)
    for mode in FaultMode.allCases {
      var simulator = MotorSimulator(machine: data.machines[0], format: data.spec.format, seed: 77)
      let windows = Matrix(
        rowArrays: (0..<50).map { _ in simulator.nextWindow(fault: Fault(mode, severity: 1)) })
      let edgeMSE = edge.reconstructionErrors(windows: windows)
      let cloudMSE = cloud.reconstructionErrors(windows: windows)
      let flagged = zip(edgeMSE, cloudMSE).filter { edgeScore, cloudScore in
        switch edgeZones.classify(edgeScore) {
        case .anomaly: true
        case .normal: false
        case .ambiguous: cloudScore > cloudCut
        }
      }.count
      #expect(flagged >= 45, "\(mode): hybrid flags \(flagged) of 50 windows at severity 1")
    }
  }
}
