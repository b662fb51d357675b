import EdgeCore

extension Autoencoder {
  /// Trains a new model of shape `preset` on normal `features` (one window's features a row), with the
  /// standardizer fitted on them, and validation (early stopping, progress) on `validation` if given.
  ///
  /// `standardization` defaults to one mean/std per axis for raw windows and per feature for spectra.
  /// The network is initialized from `config.seed`, so a run is reproducible.
  public static func train(
    features: Matrix, validation: Matrix? = nil, frontEnd: FrontEndSpec, preset: ModelPreset = .edge,
    standardization: Standardizer.Mode? = nil, config: TrainingConfig = TrainingConfig(),
    onEpoch: (EpochReport) -> Void = { _ in }
  ) -> Autoencoder {
    precondition(
      features.cols == frontEnd.featureCount,
      "Front-end \(frontEnd.kind.name) makes \(frontEnd.featureCount) features, data has \(features.cols)")
    let standardizer = Standardizer(
      fitting: features, mode: standardization ?? defaultStandardization(for: frontEnd))
    let network = DenseNetwork(
      layerSizes: preset.layerSizes(featureCount: frontEnd.featureCount), seed: config.seed)
    return fit(
      network, standardizer: standardizer, features: features, validation: validation, frontEnd: frontEnd,
      presetName: preset.name, config: config, onEpoch: onEpoch)
  }

  /// Trains `network` from its current weights on `features` scaled by `standardizer`, recording the run.
  static func fit(
    _ network: DenseNetwork, standardizer: Standardizer, features: Matrix, validation: Matrix?,
    frontEnd: FrontEndSpec, presetName: String, config: TrainingConfig, onEpoch: (EpochReport) -> Void
  ) -> Autoencoder {
    let result = Trainer(config: config).train(
      network, on: TrainingData(inputs: standardizer.apply(features)),
      validation: validation.map { TrainingData(inputs: standardizer.apply($0)) }, onEpoch: onEpoch)
    let summary = TrainingSummary(
      result: result, config: config, trainingWindows: features.rows, validationWindows: validation?.rows ?? 0
    )
    return Autoencoder(
      frontEnd: frontEnd, standardizer: standardizer, network: result.network,
      metadata: AutoencoderInfo(preset: presetName, training: summary))
  }

  /// Per-axis statistics for raw windows (the lesson's 6 numbers), per-feature ones for spectra.
  public static func defaultStandardization(for frontEnd: FrontEndSpec) -> Standardizer.Mode {
    switch frontEnd.kind {
    case .raw: .perAxis(axes: frontEnd.layout.axes)
    case .spectral: .perFeature
    }
  }
}
