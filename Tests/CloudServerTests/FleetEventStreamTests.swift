import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import Wire

@testable import CloudServer

@Suite("GET /api/events server-sent events")
struct FleetEventStreamTests {
  typealias E = TelemetryEvents

  /// One parsed SSE block: its fields, and whether it was only a comment.
  struct Block {
    var id: String?
    var event: String?
    var data: String?
    var comment: String?
  }

  /// Splits complete `\n\n`-terminated blocks off `buffer`.
  static func blocks(_ buffer: inout String) -> [Block] {
    var blocks: [Block] = []
    while let end = buffer.range(of: "\n\n") {
      var block = Block()
      for line in buffer[..<end.lowerBound].split(separator: "\n") {
        if line.hasPrefix(":") {
          block.comment = String(line.dropFirst())
        } else if let colon = line.firstIndex(of: ":") {
          let value = String(line[line.index(after: colon)...].drop { $0 == " " })
          switch line[..<colon] {
          case "id": block.id = value
          case "event": block.event = value
          case "data": block.data = value
          default: break
          }
        }
      }
      blocks.append(block)
      buffer.removeSubrange(..<end.upperBound)
    }
    return blocks
  }

  @Test("the stream sends a snapshot, a new snapshot on change, heartbeats when idle, and ends on shutdown")
  func snapshotsHeartbeatsShutdown() async throws {
    let server = try await TestServer.start {
      $0.fleet = FleetConfiguration(
        eventInterval: .milliseconds(20), heartbeatInterval: .milliseconds(150))
    }
    let fleet = server.server.fleet
    await fleet.ingest(E.status("motor-01", seq: 1, version: 3))
    let response = try await server.client.execute(
      HTTPClientRequest(url: "http://127.0.0.1:\(server.running.port)/api/events"), timeout: .seconds(30))
    #expect(response.status.code == 200)
    #expect(response.headers.first(name: "Content-Type") == "text/event-stream; charset=utf-8")

    var text = ""
    var seen: [Block] = []
    var stopping: Task<Void, any Error>?
    for try await chunk in response.body {
      text += String(buffer: chunk)
      for block in Self.blocks(&text) {
        seen.append(block)
        let snapshots = seen.filter { $0.event == "snapshot" }
        if snapshots.count == 1 && block.event == "snapshot" {
          await fleet.ingest(E.status("motor-02", seq: 1, version: 4))
        }
        if stopping == nil && seen.contains(where: { $0.comment?.contains("heartbeat") == true })
          && snapshots.contains(where: { $0.data?.contains("motor-02") == true })
        {
          stopping = Task { try await server.running.stop() }
        }
      }
    }
    try await stopping?.value
    try await server.client.shutdown()
    server.directory.remove()

    let snapshots = seen.filter { $0.event == "snapshot" }
    let first = try #require(snapshots.first?.data)
    let dashboard = try JSONDecoder().decode(FleetDashboard.self, from: Data(first.utf8))
    #expect(dashboard.devices.map(\.id) == ["motor-01"])
    let later = try #require(snapshots.last?.data)
    #expect(
      try JSONDecoder().decode(FleetDashboard.self, from: Data(later.utf8)).devices.map(\.modelVersion) == [
        3, 4,
      ])
    let ids = snapshots.compactMap { $0.id.flatMap(UInt64.init) }
    #expect(ids == ids.sorted() && Set(ids).count == ids.count, "ids are increasing revisions")
    #expect(seen.last?.event == "shutdown", "the stream ends with a shutdown event")
    #expect(stopping != nil, "saw a heartbeat and the second device before shutdown")
  }
}
