/// The connection lifecycle as a pure state machine: events in, actions out, no sockets or clocks,
/// so every transition is testable on its own. `MQTTClient` performs the actions.
struct MQTTConnectionStateMachine: Sendable {
  /// The full state, with what the public `MQTTConnectionState` leaves out.
  enum State: Sendable, Hashable {
    case idle
    /// `retrying`: a failure leads to a backoff and a new attempt instead of failing `connect()`.
    case connecting(attempt: Int, retrying: Bool)
    /// `pingOutstanding`: a PINGREQ was sent and its PINGRESP has not arrived yet.
    case connected(pingOutstanding: Bool)
    case waitingToReconnect(attempt: Int)
    case disconnecting
  }

  /// What to do when `connect()` is called.
  enum ConnectAction: Sendable, Hashable {
    case openConnection(attempt: Int)
    case waitForConnection
    case alreadyConnected
    case rejectWhileDisconnecting
  }

  /// What to do when an attempt fails or an established connection is lost.
  enum FailureAction: Sendable, Hashable {
    case scheduleReconnect(attempt: Int)
    case failConnect(MQTTError)
    case ignore
  }

  /// What to do when the keep-alive timer fires.
  enum KeepAliveAction: Sendable, Hashable {
    case sendPing
    case closeForMissingPingResponse
    case ignore
  }

  /// What to do when `disconnect()` is called.
  enum DisconnectAction: Sendable, Hashable {
    case sendDisconnectAndClose
    case closeConnection
    case cancelReconnect
    case ignore
  }

  private(set) var state: State = .idle

  /// The state as the public API reports it.
  var publicState: MQTTConnectionState {
    switch state {
    case .idle: .idle
    case .connecting(let attempt, _): .connecting(attempt: attempt)
    case .connected: .connected
    case .waitingToReconnect(let attempt): .waitingToReconnect(attempt: attempt)
    case .disconnecting: .disconnecting
    }
  }

  /// Whether packets other than CONNECT may be sent now.
  var isConnected: Bool {
    if case .connected = state { return true }
    return false
  }

  /// `connect()` was called; `retrying` keeps trying with backoff instead of failing on the first error.
  mutating func connect(retrying: Bool) -> ConnectAction {
    switch state {
    case .idle:
      state = .connecting(attempt: 0, retrying: retrying)
      return .openConnection(attempt: 0)
    case .connecting(let attempt, let wasRetrying):
      state = .connecting(attempt: attempt, retrying: wasRetrying || retrying)
      return .waitForConnection
    case .waitingToReconnect:
      return .waitForConnection
    case .connected:
      return .alreadyConnected
    case .disconnecting:
      return .rejectWhileDisconnecting
    }
  }

  /// The broker accepted CONNECT; false when no attempt was under way (a protocol violation).
  mutating func connectionEstablished() -> Bool {
    guard case .connecting = state else { return false }
    state = .connected(pingOutstanding: false)
    return true
  }

  /// The attempt failed (network, TLS, timeout, refusal) or the established connection was lost.
  mutating func connectionFailed(_ error: MQTTError) -> FailureAction {
    switch state {
    case .connecting(let attempt, let retrying):
      if retrying && Self.isRetryable(error) {
        state = .waitingToReconnect(attempt: attempt + 1)
        return .scheduleReconnect(attempt: attempt + 1)
      }
      state = .idle
      return .failConnect(error)
    case .connected:
      state = .waitingToReconnect(attempt: 0)
      return .scheduleReconnect(attempt: 0)
    case .disconnecting:
      state = .idle
      return .ignore
    case .idle, .waitingToReconnect:
      return .ignore
    }
  }

  /// The backoff delay elapsed; returns the attempt to open, if still waiting.
  mutating func reconnectDelayElapsed() -> Int? {
    guard case .waitingToReconnect(let attempt) = state else { return nil }
    state = .connecting(attempt: attempt, retrying: true)
    return attempt
  }

  /// A keep-alive interval passed: ping, or give up on a connection whose last ping went unanswered.
  mutating func keepAliveIntervalElapsed() -> KeepAliveAction {
    guard case .connected(let pingOutstanding) = state else { return .ignore }
    if pingOutstanding { return .closeForMissingPingResponse }
    state = .connected(pingOutstanding: true)
    return .sendPing
  }

  /// PINGRESP arrived.
  mutating func pingResponseReceived() {
    if case .connected = state { state = .connected(pingOutstanding: false) }
  }

  /// `disconnect()` was called.
  mutating func disconnect() -> DisconnectAction {
    switch state {
    case .connected:
      state = .disconnecting
      return .sendDisconnectAndClose
    case .connecting:
      state = .idle
      return .closeConnection
    case .waitingToReconnect:
      state = .idle
      return .cancelReconnect
    case .idle, .disconnecting:
      return .ignore
    }
  }

  /// The DISCONNECT was written and the connection closed.
  mutating func disconnectCompleted() {
    if case .disconnecting = state { state = .idle }
  }

  /// A refusal that configuration must fix ends the retries; everything else may heal by itself.
  private static func isRetryable(_ error: MQTTError) -> Bool {
    switch error {
    case .connectionRefused(let code): code.isTransient
    case .invalidConfiguration: false
    default: true
    }
  }
}
