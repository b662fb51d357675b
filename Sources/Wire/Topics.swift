/// MQTT topic names of DESIGN.md: `edge-ai/device/{id}/inference|escalation|status|ota`.
public enum Topics {
  /// First levels shared by every device topic.
  public static let prefix = "edge-ai/device"

  /// Subscription filter for every topic of every device.
  public static let allDevices = "\(prefix)/+/#"

  /// Which of a device's topics.
  public enum Kind: String, Sendable, CaseIterable {
    /// Every local decision.
    case inference
    /// Cloud escalation results.
    case escalation
    /// Retained device health; the last will says offline.
    case status
    /// OTA update steps.
    case ota
  }

  /// `edge-ai/device/{id}/{kind}`.
  public static func topic(_ kind: Kind, deviceID: String) -> String {
    "\(prefix)/\(deviceID)/\(kind.rawValue)"
  }

  /// `edge-ai/device/{id}/inference`.
  public static func inference(_ deviceID: String) -> String { topic(.inference, deviceID: deviceID) }

  /// `edge-ai/device/{id}/escalation`.
  public static func escalation(_ deviceID: String) -> String { topic(.escalation, deviceID: deviceID) }

  /// `edge-ai/device/{id}/status`.
  public static func status(_ deviceID: String) -> String { topic(.status, deviceID: deviceID) }

  /// `edge-ai/device/{id}/ota`.
  public static func ota(_ deviceID: String) -> String { topic(.ota, deviceID: deviceID) }

  /// Splits a received topic into device id and kind; nil for topics outside the scheme.
  public static func parse(_ topic: String) -> (deviceID: String, kind: Kind)? {
    let levels = topic.split(separator: "/", omittingEmptySubsequences: false)
    guard levels.count == 4, levels[0] == "edge-ai", levels[1] == "device", !levels[2].isEmpty,
      let kind = Kind(rawValue: String(levels[3]))
    else { return nil }
    return (String(levels[2]), kind)
  }
}
