import Learning

extension ModelRegistry {
  /// Registers a trained float autoencoder as the next cloud model version.
  ///
  /// Its threshold is μ + k·σ of its MSE on `trainWindows` (normal windows, one a row); its confidence
  /// calibration is fitted on `validationWindows` with `validationLabels` (0 normal, 1 anomaly, both needed).
  @discardableResult
  public func addCloudModel(
    _ model: Autoencoder, trainWindows: Matrix, validationWindows: Matrix, validationLabels: [Int],
    k: Double = 3,
    makeCurrent: Bool = true
  ) async throws -> CloudModelRecord {
    let card = try CloudModelCard(
      fittingTrainMSE: model.reconstructionErrors(windows: trainWindows),
      validationMSE: model.reconstructionErrors(windows: validationWindows).map(Double.init),
      validationLabels: validationLabels, k: k)
    return try await addCloudModel(
      card: card, weights: model.encoded(), fileExtension: "safetensors", makeCurrent: makeCurrent)
  }
}
