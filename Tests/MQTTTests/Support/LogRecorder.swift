import Logging
import NIOConcurrencyHelpers

/// Keeps every log event of the loggers it makes, to check what the client said and why.
final class LogRecorder: Sendable {
  /// One recorded event: level, message, and the call's metadata rendered as text.
  struct Entry: Sendable {
    var level: Logger.Level
    var message: String
    var metadata: [String: String]
  }

  private let entries = NIOLockedValueBox<[Entry]>([])

  /// A logger at `.trace` whose events land here.
  func logger(label: String = "mqtt-test") -> Logger {
    Logger(label: label) { _ in Handler(recorder: self) }
  }

  /// Everything recorded so far.
  var all: [Entry] { entries.withLockedValue { $0 } }

  fileprivate func append(_ entry: Entry) { entries.withLockedValue { $0.append(entry) } }

  private struct Handler: LogHandler {
    let recorder: LogRecorder
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      let merged = metadata.merging(event.metadata ?? [:]) { $1 }
      recorder.append(
        Entry(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
    }
  }
}
