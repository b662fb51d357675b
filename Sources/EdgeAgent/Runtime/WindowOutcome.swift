import EdgeCore

/// How one window was finally decided: what the LED shows, what a fleet scores against ground truth.
public struct WindowOutcome: Sendable, Equatable {
  /// Who decided.
  public enum Path: String, Sendable, CaseIterable {
    /// The edge model, outside the ambiguous zone.
    case edge
    /// The cloud model answered.
    case cloud
    /// The cloud was unreachable, backed off or saturated: the closer threshold decided (window queued).
    case fallback
  }

  /// The window's index in the device's stream (0 for the first).
  public var index: UInt64
  /// Edge MSE.
  public var mse: Float
  /// Its zone among the thresholds in force.
  public var zone: Zone
  /// The final decision.
  public var decision: Decision
  /// What the edge alone would decide (the closer threshold for an ambiguous window).
  public var edgeDecision: Decision
  /// Who decided.
  public var path: Path
  /// From the window being read to the decision, in milliseconds.
  public var latencyMS: Double
  /// The model version that measured the MSE.
  public var modelVersion: Int

  /// An outcome.
  public init(
    index: UInt64, mse: Float, zone: Zone, decision: Decision, edgeDecision: Decision, path: Path,
    latencyMS: Double, modelVersion: Int
  ) {
    self.index = index
    self.mse = mse
    self.zone = zone
    self.decision = decision
    self.edgeDecision = edgeDecision
    self.path = path
    self.latencyMS = latencyMS
    self.modelVersion = modelVersion
  }
}
