import Foundation
import MQTT
import NIOSSL

/// Where the server reads device telemetry: an `mqtt://` or `mqtts://` broker URL turned into a client configuration.
public enum TelemetryBroker {
  /// The client configuration for `url` (`mqtt://[user[:password]@]host[:port]`, port 1883 by default;
  /// `mqtts://` for TLS on 8883). The client id is unique per server process so two servers never evict each other.
  public static func configuration(url text: String) throws(TelemetryBrokerError) -> MQTTConfiguration {
    guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(),
      scheme == "mqtt" || scheme == "mqtts"
    else {
      throw TelemetryBrokerError(url: text, reason: "it is not mqtt://host[:port] or mqtts://host[:port]")
    }
    guard let host = url.host, !host.isEmpty else {
      throw TelemetryBrokerError(url: text, reason: "it names no host")
    }
    if !url.path.isEmpty && url.path != "/" {
      throw TelemetryBrokerError(url: text, reason: "a broker URL has no path; the topics are fixed")
    }
    let secure = scheme == "mqtts"
    var configuration = MQTTConfiguration(
      host: host, port: url.port ?? (secure ? 8883 : 1883),
      clientID:
        "edgehybrid-server-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    if let user = url.user {
      configuration.credentials = MQTTCredentials(username: user, password: url.password)
    }
    if secure { configuration.tls = .makeClientConfiguration() }
    configuration.keepAliveSeconds = 30
    return configuration
  }
}

/// A broker URL that cannot be used.
public struct TelemetryBrokerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The URL given.
  public var url: String
  /// What is wrong with it.
  public var reason: String

  /// What is wrong and what to give instead.
  public var description: String {
    "MQTT broker URL \"\(url)\" cannot be used: \(reason); give e.g. mqtt://127.0.0.1:1883"
  }
}
