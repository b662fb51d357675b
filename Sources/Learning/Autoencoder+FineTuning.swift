import EdgeCore

extension Autoencoder {
  /// Continues training this model on new normal `features` (warm start): the standardizer is refitted to
  /// them, the network starts from its current weights, and the training record is replaced by this run's.
  public func fineTuned(
    features: Matrix, validation: Matrix? = nil, config: TrainingConfig = TrainingConfig(),
    onEpoch: (EpochReport) -> Void = { _ in }
  ) -> Autoencoder {
    precondition(
      features.cols == frontEnd.featureCount,
      "Front-end \(frontEnd.kind.name) makes \(frontEnd.featureCount) features, data has \(features.cols)")
    return Self.fit(
      network, standardizer: Standardizer(fitting: features, mode: standardizer.mode), features: features,
      validation: validation, frontEnd: frontEnd, presetName: metadata.preset, config: config,
      onEpoch: onEpoch)
  }
}
