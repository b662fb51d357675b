/// The outcome of `subscribe`: the messages that match its filters, and what the broker granted.
public struct MQTTSubscription: Sendable {
  /// Messages whose topic matches one of the granted filters, in arrival order; ends on `disconnect()`
  /// or when all its filters are unsubscribed.
  public let messages: AsyncStream<MQTTMessage>
  /// The maximum QoS the broker granted per filter (it may be lower than asked).
  public let granted: [MQTTTopicFilter: MQTTQoS]
  /// Filters the broker refused (SUBACK 0x80), e.g. for lack of permission.
  public let refused: [MQTTTopicFilter]
}
