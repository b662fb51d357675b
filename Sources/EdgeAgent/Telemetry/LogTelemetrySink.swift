import Logging
import Wire

/// Telemetry written to the log (no broker configured): the topic and payload of each event, inference
/// messages at debug level so a busy device does not flood the log.
public struct LogTelemetrySink: TelemetrySink {
  let logger: Logger

  /// A sink writing to `logger`.
  public init(logger: Logger = Logger(label: "edgehybrid.telemetry")) {
    self.logger = logger
  }

  /// Logs `event`.
  public func publish(_ event: TelemetryEvent) {
    let level: Logger.Level = event.kind == .inference ? .debug : .info
    logger.log(
      level: level, "\(String(decoding: event.payload(), as: UTF8.self))",
      metadata: ["topic": "\(event.topic)"])
  }

  /// Nothing is buffered.
  public func finish() async {}
}
