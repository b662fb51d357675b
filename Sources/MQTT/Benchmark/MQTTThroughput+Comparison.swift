/// The throughput of `MQTTClient` next to mosquitto_pub and paho-mqtt, measured in one run.
extension MQTTThroughput {
  /// All measurements of one run and `MQTTClient`'s rate relative to each other publisher.
  public struct Comparison: Sendable, Hashable, Codable {
    /// The median run of each publisher at each QoS.
    public var measurements: [Measurement]
    /// `MQTTClient`'s rate divided by the other publisher's at the same QoS, keyed "<publisher> qos<N>".
    public var ratios: [String: Double]
    /// Publishers that could not run, and why.
    public var notes: [String]
  }

  /// Starts a local mosquitto and has `MQTTClient`, `mosquitto_pub -l` and paho-mqtt each publish
  /// `messages` sample payloads at QoS 1 and QoS 0 with `window` in flight, `repetitions` times,
  /// keeping the median. A missing reference publisher becomes a note, not a failure.
  public static func compare(
    messages: Int = 20_000, window: Int = 20, repetitions: Int = 3
  ) async throws(MQTTThroughputError) -> Comparison {
    let broker: LocalMosquitto
    do {
      broker = try await LocalMosquitto.start()
    } catch {
      throw MQTTThroughputError("\(error)")
    }
    var comparison = Comparison(measurements: [], ratios: [:], notes: [])
    for qos in [MQTTQoS.atLeastOnce, .atMostOnce] {
      var ours: Measurement?
      do throws(MQTTError) {
        ours = try await median(repetitions) { () throws(MQTTError) in
          try await measureClient(
            host: broker.host, port: broker.port, messages: messages, qos: qos, window: window)
        }
      } catch {
        await broker.shutdown()
        throw MQTTThroughputError("MQTTClient failed: \(error)")
      }
      if let ours { comparison.measurements.append(ours) }
      let references:
        [(String, (String, Int, Int, MQTTQoS, Int) async throws(MQTTThroughputError) -> Measurement)] = [
          ("mosquitto_pub", MQTTReferencePublishers.measureMosquittoPub),
          ("paho-mqtt", MQTTReferencePublishers.measurePaho),
        ]
      for (name, measure) in references {
        do throws(MQTTThroughputError) {
          guard
            let other = try await median(
              repetitions,
              { () throws(MQTTThroughputError) in
                try await measure(broker.host, broker.port, messages, qos, window)
              })
          else { continue }
          comparison.measurements.append(other)
          if let ours {
            comparison.ratios["\(name) qos\(qos.rawValue)"] = ours.messagesPerSecond / other.messagesPerSecond
          }
        } catch {
          comparison.notes.append("\(name) at \(qos) not measured: \(error)")
        }
      }
    }
    await broker.shutdown()
    return comparison
  }

  private static func median<E: Error>(
    _ repetitions: Int, _ measure: () async throws(E) -> Measurement
  ) async throws(E) -> Measurement? {
    var runs: [Measurement] = []
    for _ in 0..<max(1, repetitions) { runs.append(try await measure()) }
    runs.sort { $0.messagesPerSecond < $1.messagesPerSecond }
    return runs.isEmpty ? nil : runs[runs.count / 2]
  }
}
