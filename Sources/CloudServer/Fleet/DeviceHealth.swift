/// The colour a maintenance engineer sees for a device.
public enum DeviceHealth: String, Codable, Sendable, CaseIterable {
  /// Reporting, cloud reachable, nothing queued.
  case ok
  /// Reporting, but backing off from the cloud or holding escalations in its queue.
  case degraded
  /// Said it was online, then went silent for longer than the stale limit.
  case stale
  /// Said offline (clean stop or last will).
  case offline
}
