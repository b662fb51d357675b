/// One step of an update, as the `edge-ai/device/{id}/ota` topic reports it.
public struct OTAStepEvent: Equatable, Sendable {
  /// The steps, spelled as on the topic.
  public enum Step: String, Sendable, CaseIterable {
    /// Asked the server for its version.
    case check
    /// Fetched the model bytes.
    case download
    /// Size, SHA-256 and signature matched the manifest.
    case verified
    /// Switched to the new model and passed the self-test.
    case applied
    /// Refused the update; the running model stays.
    case rejected
    /// Went back to an older model: failed self-test, unconfirmed at restart, misbehaviour, signed rollback.
    case rolledBack = "rolled_back"
  }

  /// Which step.
  public var step: Step
  /// Version running before the step.
  public var fromVersion: Int
  /// Version the step concerns.
  public var toVersion: Int
  /// Why, for `rejected` and `rolled_back`.
  public var reason: String?

  /// An event.
  public init(_ step: Step, from fromVersion: Int, to toVersion: Int, reason: String? = nil) {
    self.step = step
    self.fromVersion = fromVersion
    self.toVersion = toVersion
    self.reason = reason
  }
}
