import Foundation
import Logging

#if canImport(Glibc)
  import Glibc
#endif

/// swift-log's `StreamLogHandler` line format, but metadata is rendered only when a line is written.
///
/// `StreamLogHandler` re-renders all of its metadata each time a key is set, and Hummingbird sets a request id
/// on the logger of every request, so the server paid for sorting and joining metadata on every request
/// whether or not anything was logged. This handler keeps the dictionary and renders it in `log(event:)`.
public struct DeferredMetadataLogHandler: LogHandler {
  /// Minimum level written.
  public var logLevel: Logger.Level = .info
  /// Per-line metadata source, as in `StreamLogHandler`.
  public var metadataProvider: Logger.MetadataProvider?
  /// Metadata attached to the logger.
  public var metadata = Logger.Metadata()
  private let label: String
  private let write: @Sendable (String) -> Void

  /// A handler passing each finished line (newline included) to `write`.
  public init(
    label: String, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider,
    write: @escaping @Sendable (String) -> Void
  ) {
    self.label = label
    self.metadataProvider = metadataProvider
    self.write = write
  }

  /// A handler writing to standard error, like `StreamLogHandler.standardError(label:)`.
  public static func standardError(label: String) -> DeferredMetadataLogHandler {
    DeferredMetadataLogHandler(label: label) { line in FileHandle.standardError.write(Data(line.utf8)) }
  }

  /// One metadata value of the logger.
  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  /// Writes `timestamp level label: key=value… [source] message`, exactly as `StreamLogHandler` does.
  public func log(event: LogEvent) {
    var merged = metadata
    if let provided = metadataProvider?.get(), !provided.isEmpty {
      merged.merge(provided) { _, provided in provided }
    }
    if let explicit = event.metadata, !explicit.isEmpty {
      merged.merge(explicit) { _, explicit in explicit }
    }
    if let error = event.error {
      merged["error.message"] = "\(error)"
      merged["error.type"] = "\(String(reflecting: type(of: error)))"
    }
    let rendered =
      merged.isEmpty
      ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
    write(
      "\(Self.timestamp()) \(event.level)\(label.isEmpty ? "" : " ")\(label):\(rendered) [\(event.source)] \(event.message)\n"
    )
  }

  /// Local time as `StreamLogHandler` prints it (`%Y-%m-%dT%H:%M:%S%z`).
  static func timestamp() -> String {
    var now = time(nil)
    var local = tm()
    guard localtime_r(&now, &local) != nil else { return "<unknown>" }
    var buffer = [CChar](repeating: 0, count: 64)
    let length = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
    return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
