/// Turns windows into verdicts: cloud MSE, decision at the card's threshold, calibrated confidence.
public struct CloudClassifier: Sendable {
  /// The model computing reconstruction errors.
  public let scorer: any CloudScorer
  /// Its threshold and calibration.
  public let card: CloudModelCard

  /// A classifier from a scorer and its card.
  public init(scorer: any CloudScorer, card: CloudModelCard) {
    self.scorer = scorer
    self.card = card
  }

  /// Values in one raw window.
  public var inputCount: Int { scorer.inputCount }

  /// The verdict on each window.
  public func classify(_ windows: [[Float]]) -> [CloudVerdict] {
    scorer.reconstructionErrors(windows).map(verdict(mse:))
  }

  /// The verdict on one window (the same as `classify([window])[0]`, through the scorer's single-window path).
  public func classify(_ window: [Float]) -> CloudVerdict {
    verdict(mse: scorer.reconstructionError(window))
  }

  /// The verdict for a cloud reconstruction error.
  public func verdict(mse: Double) -> CloudVerdict {
    let classification = mse > card.threshold ? 1 : 0
    return CloudVerdict(
      classification: classification,
      confidence: card.calibration.confidence(mse: mse, classification: classification), cloudMSE: mse,
      cloudModel: card.modelID)
  }
}
