/// How often the model running on this machine escalated here, kept across restarts: a new model is judged
/// against it (see `ModelHealthWatch` in EdgeAgent), so a machine that always escalated much (drifted, busy)
/// is no fault of a new model even when the device takes the update at its boot check.
///
/// A baseline belongs to the model version it was counted with; a device that boots another version (a
/// reverted slot, a rollback) starts a fresh one rather than judge a model by another model's rate.
public struct ModelHealthBaseline: Equatable, Sendable {
  /// The version of the model that made the decisions.
  public var modelVersion: UInt32
  /// Decisions counted while no update was being watched.
  public var decisions: UInt64
  /// Of those, the ambiguous ones (escalated to the cloud).
  public var escalations: UInt64

  /// A baseline of `escalations` escalated out of `decisions` decisions by model `modelVersion`.
  public init(modelVersion: UInt32, decisions: UInt64, escalations: UInt64) {
    self.modelVersion = modelVersion
    self.decisions = decisions
    self.escalations = escalations
  }
}
