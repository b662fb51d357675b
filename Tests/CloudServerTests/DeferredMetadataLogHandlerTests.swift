import Logging
import NIOConcurrencyHelpers
import Testing

@testable import CloudServer

@Suite("Log handler that renders metadata only when writing")
struct DeferredMetadataLogHandlerTests {
  /// Collects written lines (both handlers write through it).
  final class Lines: TextOutputStream, @unchecked Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    func write(_ string: String) { lines.withLockedValue { $0.append(string) } }
    /// The lines with their leading timestamp removed (it is the only part that depends on the clock).
    var withoutTimestamps: [String] {
      lines.withLockedValue { $0 }.map { String($0.drop { $0 != " " }) }
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String { "disk full" }
  }

  /// Logs the same statements through a logger built with `factory`.
  static func logStatements(_ factory: @escaping @Sendable (String) -> any LogHandler) {
    var logger = Logger(label: "edgehybrid.test", factory: factory)
    logger.logLevel = .info
    logger.info("no metadata")
    logger[metadataKey: "hb.request.id"] = "42"
    logger[metadataKey: "a"] = .array(["x", "y"])
    logger.info("logger metadata")
    logger.warning("explicit wins", metadata: ["a": "explicit", "z": .dictionary(["k": "v"])])
    logger.debug("below the level")
    logger.error("with error", error: Failure())
    logger[metadataKey: "a"] = nil
    logger.notice("key removed")
  }

  @Test(
    "lines equal StreamLogHandler's for logger, provider, explicit and error metadata, and honour the level")
  func sameLinesAsStreamLogHandler() {
    let provider = Logger.MetadataProvider { ["trace": "t-1"] }
    for provider in [nil, provider] {
      let stream = Lines()
      Self.logStatements { StreamLogHandler(label: $0, stream: stream, metadataProvider: provider) }
      let deferred = Lines()
      Self.logStatements { label in
        DeferredMetadataLogHandler(label: label, metadataProvider: provider) { deferred.write($0) }
      }
      #expect(deferred.withoutTimestamps.count == 5)
      #expect(deferred.withoutTimestamps == stream.withoutTimestamps)
    }
  }

  @Test("the timestamp has StreamLogHandler's form")
  func timestampForm() {
    let stamp = DeferredMetadataLogHandler.timestamp()
    #expect(stamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}/) != nil, "\(stamp)")
  }
}
