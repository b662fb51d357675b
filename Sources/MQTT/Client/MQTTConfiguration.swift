import NIOSSL

/// Everything `MQTTClient` needs to reach a broker and behave while the broker is away.
public struct MQTTConfiguration: Sendable {
  /// Broker host name or IP address.
  public var host: String
  /// Broker TCP port (1883 plain, 8883 TLS by convention).
  public var port: Int
  /// The client identifier; with `cleanSession == false` it names the session the broker keeps.
  public var clientID: String
  /// Seconds between PINGREQs when idle; the broker drops the client after 1.5× this. 0 disables it.
  public var keepAliveSeconds: UInt16
  /// Whether the broker discards the session (subscriptions, queued QoS 1 messages) on connect.
  public var cleanSession: Bool
  /// User name and password, if the broker asks for them.
  public var credentials: MQTTCredentials?
  /// The message the broker publishes if the connection ends without DISCONNECT.
  public var will: MQTTMessage?
  /// TLS settings; nil connects in plain TCP.
  public var tls: TLSConfiguration?
  /// The name checked against the broker's certificate (defaults to `host` when it is not an IP address).
  public var tlsServerHostname: String?
  /// How long TCP, TLS and CONNACK together may take.
  public var connectTimeout: Duration
  /// Delays between reconnect attempts.
  public var reconnectBackoff: MQTTBackoff
  /// Messages kept while they cannot be sent yet (disconnected, or too many in flight); the oldest is dropped beyond.
  public var outgoingBufferCapacity: Int
  /// QoS 1 messages sent and awaiting PUBACK at once; the rest wait in the outgoing buffer.
  public var maximumInflight: Int
  /// The largest packet accepted from the broker, in bytes; a larger one closes the connection.
  public var maximumPacketSize: Int
  /// Received messages each subscription stream holds for a slow reader; the oldest is dropped beyond.
  public var subscriptionBufferCapacity: Int

  /// A configuration with defaults suited to a device on a LAN: keep-alive 60 s, clean session,
  /// backoff 0.5 s…30 s, 1000 buffered messages, 100 in flight, 1 MiB packets.
  public init(host: String, port: Int = 1883, clientID: String) {
    self.host = host
    self.port = port
    self.clientID = clientID
    self.keepAliveSeconds = 60
    self.cleanSession = true
    self.credentials = nil
    self.will = nil
    self.tls = nil
    self.tlsServerHostname = nil
    self.connectTimeout = .seconds(10)
    self.reconnectBackoff = MQTTBackoff()
    self.outgoingBufferCapacity = 1000
    self.maximumInflight = 100
    self.maximumPacketSize = 1 << 20
    self.subscriptionBufferCapacity = 10_000
  }

  /// Checks every value that would otherwise be refused by the broker or break the protocol.
  func validate() throws(MQTTError) {
    func fail(_ field: String, _ reason: String) -> MQTTError {
      .invalidConfiguration(field: field, reason: reason)
    }
    if host.isEmpty { throw fail("host", "is empty; give the broker's host name or IP address") }
    if !(1...65535).contains(port) { throw fail("port", "\(port) is not a TCP port (1...65535)") }
    try Self.checkString(clientID, field: "clientID")
    if clientID.isEmpty && !cleanSession {
      throw fail("clientID", "is empty, which brokers only accept with cleanSession = true")
    }
    if let credentials {
      try Self.checkString(credentials.username, field: "credentials.username")
      if let password = credentials.password, password.count > MQTTString.maximumByteCount {
        throw fail(
          "credentials.password", "is \(password.count) bytes; the limit is \(MQTTString.maximumByteCount)")
      }
    }
    if let will {
      do {
        try MQTTTopicName.validate(will.topic)
      } catch {
        throw .invalidTopic(error)
      }
      if will.payload.readableBytes > MQTTString.maximumByteCount {
        throw fail(
          "will.payload",
          "is \(will.payload.readableBytes) bytes; the limit is \(MQTTString.maximumByteCount)")
      }
    }
    if connectTimeout <= .zero { throw fail("connectTimeout", "must be positive") }
    if reconnectBackoff.minimum <= .zero || reconnectBackoff.maximum < reconnectBackoff.minimum {
      throw fail("reconnectBackoff", "needs 0 < minimum <= maximum")
    }
    if !(0...1).contains(reconnectBackoff.jitter) {
      throw fail("reconnectBackoff.jitter", "must be within 0...1")
    }
    if outgoingBufferCapacity < 1 { throw fail("outgoingBufferCapacity", "must be at least 1") }
    if !(1...Int(UInt16.max)).contains(maximumInflight) {
      throw fail("maximumInflight", "must be within 1...65535 (packet identifiers are 16-bit)")
    }
    if maximumPacketSize < 5 { throw fail("maximumPacketSize", "must be at least 5 bytes") }
    if subscriptionBufferCapacity < 1 { throw fail("subscriptionBufferCapacity", "must be at least 1") }
  }

  private static func checkString(_ value: String, field: String) throws(MQTTError) {
    switch MQTTString.violation(of: value) {
    case .tooLong(let bytes):
      throw .invalidConfiguration(
        field: field, reason: "is \(bytes) bytes; the limit is \(MQTTString.maximumByteCount)")
    case .nullCharacter:
      throw .invalidConfiguration(field: field, reason: "contains U+0000, which MQTT forbids")
    case nil:
      return
    }
  }
}

/// User name and optional password sent in CONNECT.
public struct MQTTCredentials: Sendable, Hashable {
  /// The user name.
  public var username: String
  /// The password bytes (MQTT allows binary passwords).
  public var password: [UInt8]?

  /// Credentials with a text password.
  public init(username: String, password: String?) {
    self.username = username
    self.password = password.map { Array($0.utf8) }
  }
}
