import EdgeCore
import Learning

/// How a retraining cycle learns and what its candidate must prove: data selection, training, thresholds, gate.
public struct RetrainingConfiguration: Sendable {
  /// Escalations the cloud judged normal enter training only at or above this confidence (operator labels always do).
  public var minimumCloudConfidence: Double
  /// Continue from the current edge model's float weights; false trains a fresh network.
  public var warmStart: Bool
  /// Epochs, batch, learning rate, seed, early stopping and threads of the training run.
  public var training: TrainingConfig
  /// Network shape when training from scratch (or when the current model has no float weights stored).
  public var preset: ModelPreset
  /// Front-end when training from scratch without a current float model.
  public var frontEnd: FrontEndSpec
  /// How the int8 model's thresholds are fitted.
  public var thresholdRule: ThresholdRule
  /// Calibration and weight granularity of the int8 model.
  public var quantization: QuantizationOptions
  /// Share of the normal windows (base and escalated) held back for validation and the gate, in [0, 1).
  public var holdOutFraction: Double
  /// What a candidate must not lose against the current model.
  public var gate: GatePolicy
  /// Validation windows written into the manifest for the device's post-update self-test.
  public var selfTestCases: Int

  /// A configuration; the defaults train 60 epochs with early stopping on one thread (a server keeps its
  /// other core for requests), warm-started, with the lesson's thresholds and a 20 % hold-out.
  public init(
    minimumCloudConfidence: Double = 0.9, warmStart: Bool = true,
    training: TrainingConfig = TrainingConfig(
      epochs: 60, batchSize: 32, earlyStopping: EarlyStopping(patience: 8), threads: 1),
    preset: ModelPreset = .edge, frontEnd: FrontEndSpec = FrontEndSpec(kind: .raw),
    thresholdRule: ThresholdRule = .lesson,
    quantization: QuantizationOptions = QuantizationOptions(weights: .perTensor),
    holdOutFraction: Double = 0.2,
    gate: GatePolicy = GatePolicy(), selfTestCases: Int = 3
  ) {
    self.minimumCloudConfidence = minimumCloudConfidence
    self.warmStart = warmStart
    self.training = training
    self.preset = preset
    self.frontEnd = frontEnd
    self.thresholdRule = thresholdRule
    self.quantization = quantization
    self.holdOutFraction = holdOutFraction
    self.gate = gate
    self.selfTestCases = selfTestCases
  }
}

/// The gate's tolerances: how much ROC AUC and edge accuracy a candidate may lose against the current model.
public struct GatePolicy: Sendable, Equatable {
  /// Largest allowed drop of ROC AUC (absolute).
  public var rocAUCTolerance: Double
  /// Largest allowed drop of edge-only accuracy (absolute).
  public var accuracyTolerance: Double

  /// A policy; defaults allow a 0.01 AUC and a 0.02 accuracy drop.
  public init(rocAUCTolerance: Double = 0.01, accuracyTolerance: Double = 0.02) {
    self.rocAUCTolerance = rocAUCTolerance
    self.accuracyTolerance = accuracyTolerance
  }
}
