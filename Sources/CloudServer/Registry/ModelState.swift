/// Where a model version stands in its rollout.
///
/// candidate → canary → current → retired, with rejected reachable from candidate, canary and
/// current (a rollback marks the bad current rejected and brings the newest retired one back).
public enum ModelState: String, Codable, Sendable, CaseIterable {
  /// Registered, served to nobody yet.
  case candidate
  /// Served to the canary fraction of devices.
  case canary
  /// Served to every device (exactly one edge version at a time).
  case current
  /// Was current, replaced by a newer one; the target of a rollback.
  case retired
  /// Failed its gate, its canary or its time as current; never served again unless promoted by hand.
  case rejected
}
