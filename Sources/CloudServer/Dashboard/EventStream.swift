import Foundation
import Hummingbird
import ServiceLifecycle
import Synchronization
import Wire

/// `GET /api/events`: a server-sent event stream of the dashboard. A `snapshot` event (id = fleet revision)
/// whenever the fleet changed, checked every `eventInterval`; a `: heartbeat` comment after `heartbeatInterval`
/// of silence so proxies keep the stream; a `shutdown` event then the end of the stream when the server stops.
struct EventStream: Sendable {
  let fleet: FleetState

  /// The response; its body runs until the client leaves or the server shuts down.
  func response() -> Response {
    Response(
      status: .ok,
      headers: [
        .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
        .init("X-Accel-Buffering")!: "no",
      ],
      body: ResponseBody { writer in try await stream(to: &writer) })
  }

  private func stream(to writer: inout any ResponseBodyWriter) async throws {
    let configuration = fleet.configuration
    let stopping = StopSignal()
    try await writer.write(ByteBuffer(string: "retry: 3000\n\n"))
    var sentRevision: UInt64?
    var lastWrite = ContinuousClock.now
    try await withGracefulShutdownHandler {
      while !stopping.isRaised && !Task.isCancelled {
        let revision = await fleet.revision
        if revision != sentRevision {
          let dashboard = await fleet.dashboard()
          try await writer.write(ByteBuffer(string: Self.event("snapshot", id: revision, data: dashboard)))
          sentRevision = revision
          lastWrite = .now
        } else if ContinuousClock.now - lastWrite >= configuration.heartbeatInterval {
          try await writer.write(ByteBuffer(string: ": heartbeat \(WireTimestamp.now())\n\n"))
          lastWrite = .now
        }
        try? await Task.sleep(for: configuration.eventInterval)
      }
    } onGracefulShutdown: {
      stopping.raise()
    }
    try await writer.write(ByteBuffer(string: "event: shutdown\ndata: {}\n\n"))
    try await writer.finish(nil)
  }

  /// One SSE event whose data is `value` as single-line JSON.
  static func event(_ name: String, id: UInt64, data value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    return "id: \(id)\nevent: \(name)\ndata: \(json)\n\n"
  }
}

/// A flag one task raises and another polls (the shutdown handler tells the stream loop to end).
final class StopSignal: Sendable {
  private let raised = Atomic<Bool>(false)

  /// Whether `raise()` was called.
  var isRaised: Bool { raised.load(ordering: .acquiring) }

  /// Raises the flag.
  func raise() { raised.store(true, ordering: .releasing) }
}
