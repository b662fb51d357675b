import NIOCore
import NIOPosix

/// Publish throughput: how many messages a publisher gets to the broker per second.
public enum MQTTThroughput {
  /// One publisher's run: `messages` payloads of `payloadBytes` at `qos`, done in `seconds`.
  public struct Measurement: Sendable, Hashable, Codable {
    /// Which publisher ran ("MQTTClient", "mosquitto_pub", "paho-mqtt").
    public var publisher: String
    /// 0 or 1.
    public var qos: Int
    /// Messages published.
    public var messages: Int
    /// Bytes in each payload.
    public var payloadBytes: Int
    /// Wall time from the first publish to the last acknowledgement (QoS 1) or write (QoS 0).
    public var seconds: Double
    /// `messages / seconds`.
    public var messagesPerSecond: Double

    /// A measurement of `messages` taking `duration`.
    public init(publisher: String, qos: MQTTQoS, messages: Int, payloadBytes: Int, duration: Duration) {
      self.publisher = publisher
      self.qos = Int(qos.rawValue)
      self.messages = messages
      self.payloadBytes = payloadBytes
      let components = duration.components
      self.seconds = Double(components.seconds) + Double(components.attoseconds) * 1e-18
      self.messagesPerSecond = seconds > 0 ? Double(messages) / seconds : 0
    }
  }

  /// The topic every benchmark publishes to.
  public static let topic = "edgehybrid/bench/throughput"

  /// A realistic telemetry payload: an inference report as JSON (about 150 bytes), numbered `sequence`.
  public static func samplePayload(sequence: Int) -> String {
    #"{"ts":"2025-06-01T12:00:00.000Z","device_id":"bench-device-01","seq":\#(sequence),"#
      + #""mse":0.021375,"decision":"normal","model_version":3,"zone":"low","latency_ms":1.84}"#
  }

  /// Publishes `messages` sample payloads with `MQTTClient` to the broker at `host:port`, with up to
  /// `window` messages awaiting acknowledgement at once, and returns the rate.
  public static func measureClient(
    host: String, port: Int, messages: Int, qos: MQTTQoS, window: Int = 20,
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) async throws(MQTTError) -> Measurement {
    var configuration = MQTTConfiguration(
      host: host, port: port, clientID: "edgehybrid-bench-\(UInt32.random(in: 0...UInt32.max))")
    configuration.maximumInflight = max(1, window)
    configuration.outgoingBufferCapacity = max(1, window)
    let client = MQTTClient(configuration: configuration, eventLoopGroup: eventLoopGroup)
    try await client.connect()
    let payloads = (0..<messages).map { ByteBuffer(string: samplePayload(sequence: $0)) }
    let lanes = max(1, min(window, messages))
    let start = ContinuousClock.now
    let failure = await withTaskGroup(of: MQTTError?.self) { group in
      for lane in 0..<lanes {
        group.addTask {
          for index in stride(from: lane, to: messages, by: lanes) {
            do throws(MQTTError) {
              try await client.publish(topic: topic, payload: payloads[index], qos: qos)
            } catch {
              return error
            }
          }
          return nil
        }
      }
      for await error in group where error != nil { return error }
      return nil
    }
    let duration = ContinuousClock.now - start
    await client.disconnect()
    if let failure { throw failure }
    return Measurement(
      publisher: "MQTTClient", qos: qos, messages: messages,
      payloadBytes: payloads.first?.readableBytes ?? 0, duration: duration)
  }
}
