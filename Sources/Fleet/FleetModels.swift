import EdgeCore
import Learning
import Vibration

/// The models a simulated fleet runs with, trained on the same simulated machines its devices watch: the
/// int8 edge autoencoder (with its thresholds and self-test cases) and the float cloud autoencoder (with the
/// labelled validation windows its confidence is calibrated on).
public struct FleetModels: Sendable {
  /// What the training data was simulated from (its machines are the fleet's).
  public let spec: SimulatedDatasetSpec
  /// The edge model: `.tflite`, thresholds, int8 training MSEs.
  public let edge: EdgeModelBuild
  /// The float edge autoencoder the `.tflite` was quantized from (another version is another build of it).
  public let edgeAutoencoder: Autoencoder
  /// The cloud model.
  public let cloud: Autoencoder
  /// Normal training windows (one a row), which fix the cloud model's threshold.
  public let trainWindows: Matrix
  /// Normal and faulty validation windows, for the cloud model's confidence calibration.
  public let validationWindows: Matrix
  /// 0 normal, 1 anomaly, per validation window.
  public let validationLabels: [Int]
  /// Raw windows and the MSE the edge model gives on them, for the signed manifest's self-test.
  public let selfTest: [(input: [Float], mse: Double)]

  /// Simulates `spec`'s training and test sets, trains both autoencoders for at most `epochs` (early
  /// stopping on the validation loss), and quantizes the edge one; `progress` hears each step.
  public static func train(
    spec: SimulatedDatasetSpec, epochs: Int, progress: (String) -> Void = { _ in }
  ) throws(EdgeModelBuildError) -> FleetModels {
    progress("simulating \(spec.trainCount) training windows from \(spec.machineCount) machines")
    let data = SimulatedDataset(spec: spec)
    let layout = SignalLayout(
      samplesPerWindow: spec.format.samplesPerWindow, axes: spec.format.axes,
      sampleRateHz: Float(spec.format.sampleRateHz))
    let frontEnd = FrontEndSpec(kind: .raw, layout: layout)
    let train = Matrix(rows: data.train.count, cols: data.train.width, values: data.train.values)
    let validation = Matrix(
      rows: data.validation.count, cols: data.validation.width, values: data.validation.values)
    let config = TrainingConfig(epochs: epochs, seed: spec.seed, earlyStopping: EarlyStopping(patience: 5))
    var models: [Autoencoder] = []
    for preset in [ModelPreset.edge, .cloud] {
      progress(
        "training the \(preset.name) autoencoder (\(preset.hiddenSizes.map(String.init).joined(separator: "-")))"
      )
      models.append(
        Autoencoder.train(
          features: train, validation: validation, frontEnd: frontEnd, preset: preset, config: config))
    }
    progress("quantizing the edge autoencoder to int8")
    let edge = try EdgeModelBuilder().build(models[0], trainingWindows: train)
    let labelled = Matrix(rows: data.test.count, cols: data.test.width, values: data.test.values)
    let probes = Matrix(rowArrays: (0..<min(3, train.rows)).map { Array(train.row($0)) })
    let probeMSE = try EdgeModelBuilder.deviceMSE(of: edge.tflite, windows: probes)
    return FleetModels(
      spec: spec, edge: edge, edgeAutoencoder: models[0], cloud: models[1], trainWindows: train,
      validationWindows: labelled,
      validationLabels: (data.test.labels ?? []).map(Int.init),
      selfTest: (0..<probes.rows).map { (Array(probes.row($0)), Double(probeMSE[$0])) })
  }
}
