/// Delivery guarantee of a message; this client implements QoS 0 and 1 (QoS 2 is not supported).
public enum MQTTQoS: UInt8, Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Delivered at most once, no acknowledgement.
  case atMostOnce = 0
  /// Delivered at least once: retransmitted until a PUBACK arrives, duplicates possible.
  case atLeastOnce = 1

  /// Orders by guarantee: QoS 0 below QoS 1.
  public static func < (lhs: MQTTQoS, rhs: MQTTQoS) -> Bool { lhs.rawValue < rhs.rawValue }

  /// "QoS 0" or "QoS 1", for logs.
  public var description: String { "QoS \(rawValue)" }
}
