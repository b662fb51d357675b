/// Counters that tell how the client copes with its broker and its readers.
public struct MQTTClientStatistics: Sendable, Hashable {
  /// CONNACKs accepted: the first connection and every reconnect.
  public var connections = 0
  /// Messages evicted from the full outgoing buffer (oldest first).
  public var droppedOutgoing = 0
  /// Messages waiting in the outgoing buffer now.
  public var bufferedOutgoing = 0
  /// QoS 1 messages sent and awaiting PUBACK now.
  public var inflight = 0
  /// QoS 1 messages sent again with DUP after a reconnect.
  public var retransmitted = 0
  /// Received messages dropped because a subscription stream's buffer was full.
  public var droppedIncoming = 0
  /// Received messages no subscription stream matched.
  public var unroutedIncoming = 0
}
