import Wire

/// One registered cloud model version.
public struct CloudModelRecord: Codable, Sendable, Equatable {
  /// Threshold, calibration and weights file.
  public var card: CloudModelCard
  /// When it was registered.
  public var created: WireTimestamp
  /// `current` for the one answering `/classify`, `retired` or `candidate` otherwise.
  public var state: ModelState

  /// A cloud model record.
  public init(card: CloudModelCard, created: WireTimestamp, state: ModelState) {
    self.card = card
    self.created = created
    self.state = state
  }

  /// Its version.
  public var version: Int { card.version }
}
