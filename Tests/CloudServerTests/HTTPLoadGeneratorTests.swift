import Foundation
import Testing

@testable import CloudServer

@Suite("The benchmark's load generator against a real server", .serialized)
struct HTTPLoadGeneratorTests {
  @Test("a closed-loop POST run counts every answer, and the server stored exactly the 200s")
  func postRunCountsWhatTheServerStored() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let bodies = TestWindows.windows(count: 8, faulty: false, seed: 77).enumerated().map { index, window in
      TestWindows.lessonBody(deviceID: "load-\(index % 2)", features: window, edgeMSE: 0.15)
    }
    let result = try await HTTPLoadGenerator(
      port: server.running.port, bodies: bodies, connections: 4, duration: .milliseconds(500)
    ).run()
    #expect(result.succeeded > 0)
    #expect(result.failedStatus == 0 && result.connectionErrors == 0)
    #expect(result.p50Ms > 0 && result.p99Ms >= result.p50Ms)
    #expect(try await server.storedCount() == result.succeeded)
    try await server.stop()
  }

  @Test("a GET run sends no body and counts the answers")
  func getRunCountsAnswers() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let result = try await HTTPLoadGenerator(
      port: server.running.port, path: "/healthz", method: .GET, bodies: [], connections: 2,
      duration: .milliseconds(300)
    ).run()
    #expect(result.succeeded > 0)
    #expect(result.failedStatus == 0 && result.connectionErrors == 0)
    #expect(try await server.storedCount() == 0)
    try await server.stop()
  }

  @Test("refused requests are counted as failed, not as answered")
  func refusedRequestsCountAsFailed() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let result = try await HTTPLoadGenerator(
      port: server.running.port, bodies: [Data(#"{"device_id":"x","features":[1,2]}"#.utf8)], connections: 2,
      duration: .milliseconds(300)
    ).run()
    #expect(result.succeeded == 0)
    #expect(result.failedStatus > 0)
    #expect(try await server.storedCount() == 0)
    try await server.stop()
  }
}
