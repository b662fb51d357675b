/// Where the client's connection to the broker is in its life, as callers see it.
public enum MQTTConnectionState: Sendable, Hashable, CustomStringConvertible {
  /// Not connected and not trying: before `connect()`, after `disconnect()` or a refusal.
  case idle
  /// TCP/TLS and CONNECT under way; `attempt` counts failed attempts since the last connection.
  case connecting(attempt: Int)
  /// CONNACK accepted: packets flow.
  case connected
  /// The connection failed or was lost; the next attempt (number `attempt`) waits for its backoff delay.
  case waitingToReconnect(attempt: Int)
  /// DISCONNECT sent, the connection is closing.
  case disconnecting

  /// What it means, for logs and error messages.
  public var description: String {
    switch self {
    case .idle: "idle"
    case .connecting(let attempt): "connecting (attempt \(attempt))"
    case .connected: "connected"
    case .waitingToReconnect(let attempt): "waiting to reconnect (attempt \(attempt))"
    case .disconnecting: "disconnecting"
    }
  }
}
