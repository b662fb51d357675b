import EdgeCore
import Foundation
import Learning
import Logging
import Wire

@testable import CloudServer

/// A data directory with a retrainer over it: base normal windows, a small fast training configuration,
/// and helpers to store escalations of normal, drifted and faulty windows.
struct RetrainingFixture {
  let directory: TemporaryDirectory
  let data: DataDirectory
  let store: SQLiteEscalationStore
  let retrainer: Retrainer

  /// Base data of 300 normal windows; `validation` adds a labelled file.
  static func start(
    validation: (normal: Int, faulty: Int)? = nil, trigger: RetrainingTrigger = RetrainingTrigger(),
    telemetry: (any RolloutTelemetrySource)? = nil, rollout: RolloutPolicy = RolloutPolicy()
  ) throws -> RetrainingFixture {
    let directory = try TemporaryDirectory("edgehybrid-retrain")
    let data = try DataDirectory(directory.url)
    let store = data.escalationStore()
    var base = RetrainingBaseData(
      normalWindows: Matrix(rowArrays: TestWindows.windows(count: 300, faulty: false, seed: 1)))
    if let validation {
      let normal = TestWindows.windows(count: validation.normal, faulty: false, seed: 2)
      let faulty = TestWindows.windows(count: validation.faulty, faulty: true, seed: 3)
      base = RetrainingBaseData(
        normalWindows: base.normalWindows, validationWindows: Matrix(rowArrays: normal + faulty),
        validationLabels: Array(repeating: 0, count: normal.count) + Array(repeating: 1, count: faulty.count))
    }
    var logger = Logger(label: "test-retrain")
    logger.logLevel = .critical
    let configuration = RetrainingConfiguration(
      training: TrainingConfig(
        epochs: 25, batchSize: 32, seed: 11, earlyStopping: EarlyStopping(patience: 5), threads: 1))
    let pipeline = RetrainingPipeline(
      registry: data.registry, escalations: store, base: base, configuration: configuration, logger: logger)
    let rolloutTelemetry =
      telemetry ?? ServerObservedTelemetry(store: store) { _, _ in nil }
    return RetrainingFixture(
      directory: directory, data: data, store: store,
      retrainer: Retrainer(
        pipeline: pipeline, trigger: trigger,
        rollout: RolloutController(
          registry: data.registry, telemetry: rolloutTelemetry, policy: rollout, logger: logger)))
  }

  /// Trains the first model (no escalations yet), which becomes current.
  func trainInitialModel() async throws -> RetrainingCycle {
    try await retrainer.runCycle()
  }

  /// Stores escalations of `windows` with the cloud's verdict; returns their ids.
  @discardableResult
  func escalate(_ windows: [[Float]], classification: Int, confidence: Double, device: String = "motor-01")
    async throws -> [Int64]
  {
    let records = windows.enumerated().map { index, window in
      StoredEscalation(
        deviceID: device, escalationID: UUID().uuidString, receivedAt: .now(), features: window, edgeMSE: 0.5,
        edgeModelVersion: 1, cloudMSE: 0.1, classification: classification, confidence: confidence,
        cloudModel: "cloud-1")
    }
    return try await store.record(contentsOf: records).compactMap(\.record.id)
  }

  /// Normal windows of a machine whose vibration grew by `gain` (drifted, still healthy).
  static func driftedWindows(count: Int, seed: UInt64, gain: Float = 1.6) -> [[Float]] {
    TestWindows.windows(count: count, faulty: false, seed: seed).map { window in
      window.enumerated().map { index, value in index % 3 == 2 ? value : value * gain }
    }
  }

  /// Closes the store and removes the directory.
  func stop() async {
    await store.close()
    try? data.database.close()
    directory.remove()
  }
}
