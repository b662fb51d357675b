/// The CONNACK return code: accepted, or why the broker refused the connection.
public enum MQTTConnectReturnCode: UInt8, Sendable, Hashable, CustomStringConvertible {
  /// The broker accepted the connection.
  case accepted = 0
  /// The broker does not speak MQTT 3.1.1.
  case unacceptableProtocolVersion = 1
  /// The client identifier is not allowed.
  case identifierRejected = 2
  /// The broker cannot take connections now.
  case serverUnavailable = 3
  /// The credentials are wrong or malformed.
  case badUsernameOrPassword = 4
  /// The client may not connect.
  case notAuthorized = 5

  /// Whether retrying later can succeed without changing the configuration.
  public var isTransient: Bool { self == .serverUnavailable }

  /// What it means, for logs and error messages.
  public var description: String {
    switch self {
    case .accepted: "connection accepted"
    case .unacceptableProtocolVersion:
      "the broker does not speak MQTT 3.1.1 (protocol level 4); use a broker that does"
    case .identifierRejected:
      "the broker rejected the client identifier; use 1-23 letters and digits or check the broker's rules"
    case .serverUnavailable: "the broker is unavailable; it will be retried"
    case .badUsernameOrPassword: "bad user name or password; check the credentials in the configuration"
    case .notAuthorized: "the client is not authorized to connect; check the broker's access rules"
    }
  }
}
