/// What one edge model version decided on a device or a fleet, against the simulator's ground truth: the
/// per-version view retraining experiments need.
public struct VersionTally: Sendable, Equatable {
  /// Windows this version decided.
  public var windows = 0
  /// Of those, ambiguous windows sent to the cloud or decided by fallback.
  public var escalations = 0
  /// Windows whose edge-only verdict (closer threshold in the ambiguous zone) matched the truth.
  public var edgeCorrect = 0
  /// Windows whose final verdict (with the cloud's answers) matched the truth.
  public var hybridCorrect = 0

  /// An empty tally.
  public init() {}

  /// Escalations per window.
  public var escalationRate: Double { ratio(escalations, windows) }
  /// Edge-only accuracy.
  public var edgeAccuracy: Double { ratio(edgeCorrect, windows) }
  /// Hybrid accuracy.
  public var hybridAccuracy: Double { ratio(hybridCorrect, windows) }

  /// Adds `other`'s counts.
  public mutating func add(_ other: VersionTally) {
    windows += other.windows
    escalations += other.escalations
    edgeCorrect += other.edgeCorrect
    hybridCorrect += other.hybridCorrect
  }
}
