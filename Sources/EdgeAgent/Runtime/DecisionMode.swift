/// Which tier decides (the lesson's decision table compares all three).
public enum DecisionMode: String, Sendable, CaseIterable {
  /// Every window decided on the device; ambiguous ones by the closer threshold. No network.
  case edge
  /// The lesson: decisive windows on the device, ambiguous ones asked of the cloud.
  case hybrid
  /// Every window asked of the cloud (the edge decides only while the cloud is backed off).
  case cloud
}
