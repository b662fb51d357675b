import ArgumentParser
import MQTT

/// `edgehybrid bench mqtt`: telemetry publishing rate against mosquitto_pub and paho in the same run.
struct BenchMQTTCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "mqtt",
    abstract: "Publish rate of our MQTT client at QoS 1 and 0, against mosquitto_pub and paho, to a local mosquitto.",
    discussion: """
      Starts its own mosquitto on a free loopback port and publishes inference-report-sized JSON \
      (~155 bytes) with the same number of unacknowledged messages allowed for every publisher. \
      mosquitto_pub (Debian mosquitto-clients) and paho (pip paho-mqtt) are measured when installed.

      Examples:
        edgehybrid bench mqtt
        edgehybrid bench mqtt --messages 50000 --repetitions 5
      """
  )

  @Option(help: "Messages per publisher and repetition.")
  var messages = 20_000

  @Option(help: "Messages that may await their acknowledgement at once (QoS 1).")
  var window = 20

  @Option(help: "Repetitions; the median is reported.")
  var repetitions = 3

  func run() async throws {
    let comparison = try await MQTTThroughput.compare(
      messages: messages, window: window, repetitions: repetitions)
    print(try JSONOutput.string(comparison))
  }
}
