import Wire

/// A device moving from one edge model version to another.
public struct ModelTransition: Codable, Sendable, Equatable {
  /// What moved it.
  public enum Cause: String, Codable, Sendable {
    /// An OTA update applied.
    case applied
    /// An OTA update rolled back.
    case rolledBack = "rolled_back"
    /// Its status reported a new version without an OTA event seen.
    case observed
  }

  /// When the server learned of it.
  public var at: WireTimestamp
  /// The device.
  public var deviceID: String
  /// Version before.
  public var fromVersion: Int
  /// Version after.
  public var toVersion: Int
  /// What moved it.
  public var cause: Cause

  enum CodingKeys: String, CodingKey {
    case at, cause
    case deviceID = "device_id"
    case fromVersion = "from_version"
    case toVersion = "to_version"
  }
}
