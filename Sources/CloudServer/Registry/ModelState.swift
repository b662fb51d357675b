/// Where a model version stands in its rollout.
///
/// candidate → canary → current → retired; rejected from candidate or canary (by hand); rolled back from
/// canary (its telemetry was worse) or current (a rollback brings the newest retired one back).
public enum ModelState: String, Codable, Sendable, CaseIterable {
  /// Registered, served to nobody yet.
  case candidate
  /// Served to the canary fraction of devices.
  case canary
  /// Served to every device (exactly one edge version at a time).
  case current
  /// Was current, replaced by a newer one; the target of a rollback.
  case retired
  /// Rejected by an operator; never served again unless promoted by hand.
  case rejected
  /// Withdrawn after serving (a failed canary or a rollback): marked bad, served again only if promoted by hand.
  case rolledBack = "rolled_back"
}
