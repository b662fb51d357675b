import Testing

@testable import MQTT

@Suite("Connection state machine")
struct MQTTConnectionStateMachineTests {
  private func connected() -> MQTTConnectionStateMachine {
    var machine = MQTTConnectionStateMachine()
    _ = machine.connect(retrying: false)
    _ = machine.connectionEstablished()
    return machine
  }

  @Test("connect from idle opens attempt 0; a second connect joins it; CONNACK makes it connected")
  func connectLifecycle() {
    var machine = MQTTConnectionStateMachine()
    #expect(machine.publicState == .idle)
    #expect(machine.connect(retrying: false) == .openConnection(attempt: 0))
    #expect(machine.state == .connecting(attempt: 0, retrying: false))
    #expect(machine.connect(retrying: true) == .waitForConnection)
    #expect(machine.state == .connecting(attempt: 0, retrying: true))
    let established = machine.connectionEstablished()
    #expect(established)
    #expect(machine.state == .connected(pingOutstanding: false))
    #expect(machine.isConnected)
    #expect(machine.connect(retrying: false) == .alreadyConnected)
  }

  @Test("a failed first attempt without retry fails connect() and returns to idle")
  func firstFailureWithoutRetry() {
    var machine = MQTTConnectionStateMachine()
    _ = machine.connect(retrying: false)
    let error = MQTTError.connectionFailed(reason: "refused")
    #expect(machine.connectionFailed(error) == .failConnect(error))
    #expect(machine.state == .idle)
  }

  @Test("with retry, failed attempts back off with growing attempt numbers until one succeeds")
  func retryingAttemptsCount() {
    var machine = MQTTConnectionStateMachine()
    _ = machine.connect(retrying: true)
    #expect(machine.connectionFailed(.connectTimeout(.seconds(1))) == .scheduleReconnect(attempt: 1))
    #expect(machine.publicState == .waitingToReconnect(attempt: 1))
    #expect(machine.connect(retrying: false) == .waitForConnection)
    #expect(machine.reconnectDelayElapsed() == 1)
    #expect(machine.state == .connecting(attempt: 1, retrying: true))
    #expect(
      machine.connectionFailed(.connectionRefused(.serverUnavailable)) == .scheduleReconnect(attempt: 2))
    #expect(machine.reconnectDelayElapsed() == 2)
    let established = machine.connectionEstablished()
    #expect(established)
  }

  @Test(
    "a refusal that needs a configuration change ends the retries",
    arguments: [
      MQTTConnectReturnCode.badUsernameOrPassword, .notAuthorized, .identifierRejected,
      .unacceptableProtocolVersion,
    ])
  func permanentRefusalStopsRetrying(code: MQTTConnectReturnCode) {
    var machine = MQTTConnectionStateMachine()
    _ = machine.connect(retrying: true)
    #expect(machine.connectionFailed(.connectionRefused(code)) == .failConnect(.connectionRefused(code)))
    #expect(machine.state == .idle)
  }

  @Test("losing an established connection schedules reconnect attempt 0")
  func lostConnectionReconnects() {
    var machine = connected()
    #expect(machine.connectionFailed(.connectionFailed(reason: "reset")) == .scheduleReconnect(attempt: 0))
    #expect(machine.publicState == .waitingToReconnect(attempt: 0))
    #expect(machine.reconnectDelayElapsed() == 0)
    #expect(machine.state == .connecting(attempt: 0, retrying: true))
  }

  @Test("keep-alive pings once, then closes if the PINGRESP never came; a PINGRESP re-arms it")
  func keepAlive() {
    var machine = connected()
    #expect(machine.keepAliveIntervalElapsed() == .sendPing)
    #expect(machine.state == .connected(pingOutstanding: true))
    machine.pingResponseReceived()
    #expect(machine.state == .connected(pingOutstanding: false))
    #expect(machine.keepAliveIntervalElapsed() == .sendPing)
    #expect(machine.keepAliveIntervalElapsed() == .closeForMissingPingResponse)
  }

  @Test("disconnect acts per state: DISCONNECT when connected, abort when connecting, cancel when waiting")
  func disconnectPerState() {
    var live = connected()
    #expect(live.disconnect() == .sendDisconnectAndClose)
    #expect(live.publicState == .disconnecting)
    #expect(live.connect(retrying: false) == .rejectWhileDisconnecting)
    #expect(live.connectionFailed(.connectionFailed(reason: "closed")) == .ignore)
    #expect(live.state == .idle)

    var connecting = MQTTConnectionStateMachine()
    _ = connecting.connect(retrying: false)
    #expect(connecting.disconnect() == .closeConnection)
    #expect(connecting.state == .idle)

    var waiting = connected()
    _ = waiting.connectionFailed(.connectionFailed(reason: "reset"))
    #expect(waiting.disconnect() == .cancelReconnect)
    #expect(waiting.state == .idle)
    #expect(waiting.reconnectDelayElapsed() == nil, "a stale reconnect timer must not reopen")

    var idle = MQTTConnectionStateMachine()
    #expect(idle.disconnect() == .ignore)
  }

  @Test("events that do not fit the state are ignored or reported, never change it")
  func strayEvents() {
    var idle = MQTTConnectionStateMachine()
    let unexpected = idle.connectionEstablished()
    #expect(!unexpected, "a CONNACK nobody asked for is a protocol violation")
    #expect(idle.keepAliveIntervalElapsed() == .ignore)
    #expect(idle.connectionFailed(.connectionFailed(reason: "x")) == .ignore)
    #expect(idle.reconnectDelayElapsed() == nil)
    idle.pingResponseReceived()
    #expect(idle.state == .idle)

    var live = connected()
    let second = live.connectionEstablished()
    #expect(!second, "a second CONNACK is a protocol violation")
    #expect(live.state == .connected(pingOutstanding: false))
    #expect(live.reconnectDelayElapsed() == nil)
  }

  @Test("a disconnect that completes returns to idle, from where connect starts over")
  func disconnectCompletes() {
    var machine = connected()
    _ = machine.disconnect()
    machine.disconnectCompleted()
    #expect(machine.state == .idle)
    #expect(machine.connect(retrying: false) == .openConnection(attempt: 0))
  }
}
