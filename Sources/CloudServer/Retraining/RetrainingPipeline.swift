import EdgeCore
import Foundation
import Learning
import Logging
import Wire

/// One retraining cycle: base windows + judged escalations → train (warm or fresh) → int8 `.tflite` with
/// recalibrated thresholds → gate against the current model → registered candidate; the escalations it read
/// are archived as consumed by the new version.
///
/// The CLI (`edgehybrid retrain`), the server's scheduler and a fleet driver all call `run()`.
public struct RetrainingPipeline: Sendable {
  /// Where candidates are registered and the current model is found.
  public let registry: ModelRegistry
  /// Where escalations come from and are archived.
  public let escalations: any EscalationStore
  /// The original training windows and an optional labelled validation set.
  public let base: RetrainingBaseData
  /// How to train and gate.
  public let configuration: RetrainingConfiguration
  /// Where progress and the gate's verdict are logged.
  public let logger: Logger

  /// A pipeline over a registry and an escalation store.
  public init(
    registry: ModelRegistry, escalations: any EscalationStore, base: RetrainingBaseData,
    configuration: RetrainingConfiguration = RetrainingConfiguration(),
    logger: Logger = Logger(label: "edgehybrid.retrain")
  ) {
    self.registry = registry
    self.escalations = escalations
    self.base = base
    self.configuration = configuration
    self.logger = logger
  }

  /// Runs one cycle and returns its report; the candidate stays a candidate (the gate's verdict is its reason).
  public func run(at time: WireTimestamp = .now()) async throws -> RetrainingReport {
    let snapshot = try await registry.snapshot()
    let version = snapshot.nextEdgeVersion
    let current = snapshot.currentEdge
    let pending = try await escalations.escalations(EscalationQuery(unconsumedOnly: true))
    let dataset = RetrainingDataset(
      base: base, escalations: pending, minimumCloudConfidence: configuration.minimumCloudConfidence,
      holdOutFraction: configuration.holdOutFraction, seed: configuration.training.seed)
    guard dataset.training.rows > 0 else { throw RetrainingError.noTrainingWindows }
    guard dataset.validation.rows > 0 else { throw RetrainingError.noValidationWindows }
    let settings = configuration
    let warmModel = try current.flatMap {
      settings.warmStart ? try registry.files.edgeFloatModel(sha256: $0.sha256) : nil
    }
    let baseline = try current.map { (record: $0, bytes: [UInt8](try registry.edgeModelBytes($0))) }
    logger.info(
      "retraining",
      metadata: [
        "version": "\(version)", "baseline": "\(current.map { "v\($0.version)" } ?? "none")",
        "warm_start": "\(warmModel != nil)", "training_windows": "\(dataset.training.rows)",
        "validation_windows": "\(dataset.validation.rows)", "escalations": "\(pending.count)",
      ])
    let trained = try await OffLoopThread.run {
      try Self.trainAndEvaluate(
        dataset: dataset, warmModel: warmModel, baseline: baseline, version: version, configuration: settings)
    }
    let tflite = Data(trained.build.tflite)
    let thresholds = ThresholdsResponse(trained.build.thresholds)
    let training = trained.model.metadata.training
    let report = RetrainingReport(
      version: version, baselineVersion: current?.version, warmStart: warmModel != nil,
      samples: dataset.counts,
      epochs: training?.epochs ?? 0, trainLoss: training?.trainLoss,
      validationLoss: training?.bestValidationLoss, seconds: trained.seconds, thresholds: thresholds,
      sizeBytes: tflite.count, candidate: trained.candidate, baseline: trained.baseline, gate: trained.gate,
      consumedEscalations: dataset.consumedIDs.count)
    try registry.files.storeEdgeFloatModel(trained.model, sha256: ModelFiles.sha256(tflite))
    try await registry.addEdgeModel(
      tflite: tflite, thresholds: thresholds, selfTest: trained.selfTest, trainingStats: try report.json(),
      reason: trained.gate.reason, at: time)
    try await escalations.markConsumed(ids: dataset.consumedIDs, byVersion: version)
    let metadata: Logger.Metadata = [
      "version": "\(version)", "epochs": "\(report.epochs)", "seconds": "\(report.seconds)",
      "expected_escalation_rate": "\(report.expectedEscalationRate)",
    ]
    if report.gate.passed {
      logger.notice("retrained candidate v\(version): \(report.gate.reason)", metadata: metadata)
    } else {
      logger.warning(
        "retrained candidate v\(version) stays a candidate: \(report.gate.reason)", metadata: metadata)
    }
    return report
  }

  /// What the off-loop part produced.
  private struct Trained: Sendable {
    let model: Autoencoder
    let build: EdgeModelBuild
    let selfTest: [SelfTestCase]
    let candidate: ModelEvaluation
    let baseline: ModelEvaluation?
    let gate: GateDecision
    let seconds: Double
  }

  private static func trainAndEvaluate(
    dataset: RetrainingDataset, warmModel: Autoencoder?,
    baseline: (record: EdgeModelRecord, bytes: [UInt8])?, version: Int, configuration: RetrainingConfiguration
  ) throws -> Trained {
    let clock = ContinuousClock()
    let started = clock.now
    let normalRows = dataset.validationLabels.indices.filter { !dataset.validationLabels[$0] }
    let heldBack = rows(normalRows, of: dataset.validation)
    let frontEnd = warmModel?.frontEnd ?? configuration.frontEnd
    let features = frontEnd.features(ofWindows: dataset.training)
    let validationFeatures = heldBack.rows > 0 ? frontEnd.features(ofWindows: heldBack) : nil
    let model =
      warmModel?.fineTuned(features: features, validation: validationFeatures, config: configuration.training)
      ?? Autoencoder.train(
        features: features, validation: validationFeatures, frontEnd: frontEnd, preset: configuration.preset,
        config: configuration.training)
    let build = try EdgeModelBuilder(
      quantization: configuration.quantization, thresholdRule: configuration.thresholdRule,
      version: UInt32(version)
    ).build(model, trainingWindows: dataset.training)
    let candidate = try ModelEvaluation(
      tflite: build.tflite, thresholds: try build.thresholds.zoneThresholds(), windows: dataset.validation,
      labels: dataset.validationLabels)
    let baselineEvaluation = try baseline.map { baseline in
      try ModelEvaluation(
        tflite: baseline.bytes,
        thresholds: try ZoneThresholds(
          low: Float(baseline.record.thresholds.lowThreshold),
          high: Float(baseline.record.thresholds.highThreshold)),
        windows: dataset.validation, labels: dataset.validationLabels)
    }
    let selfTestRows = Array(normalRows.prefix(configuration.selfTestCases))
    let selfTestMSE = try EdgeModelBuilder.deviceMSE(
      of: build.tflite, windows: rows(selfTestRows, of: dataset.validation))
    let selfTest = selfTestRows.indices.map { index in
      SelfTestCase(
        input: row(selfTestRows[index], of: dataset.validation), expectedMSE: Double(selfTestMSE[index]))
    }
    return Trained(
      model: model, build: build, selfTest: selfTest, candidate: candidate, baseline: baselineEvaluation,
      gate: GateDecision(candidate: candidate, current: baselineEvaluation, policy: configuration.gate),
      seconds: (clock.now - started) / .seconds(1))
  }

  private static func row(_ index: Int, of matrix: Matrix) -> [Float] {
    Array(matrix.values[index * matrix.cols..<(index + 1) * matrix.cols])
  }

  private static func rows(_ indices: [Int], of matrix: Matrix) -> Matrix {
    Matrix(rows: indices.count, cols: matrix.cols, values: indices.flatMap { row($0, of: matrix) })
  }
}
