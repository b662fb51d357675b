import Foundation
import Synchronization
import Testing
import Wire

@testable import CloudServer

@Suite("POST /classify answered on the event loop", .serialized)
struct ClassifyChannelHandlerTests {
  private static let json = [("Content-Type", "application/json")]

  private static func classify(seed: UInt64, headers: [(String, String)] = json) -> Data {
    RawHTTPConnection.request(
      "POST", "/classify",
      body: TestWindows.lessonBody(
        deviceID: "esp32-\(seed)", features: TestWindows.window(seed: seed), edgeMSE: 0.2),
      headers: headers)
  }

  @Test("classify, healthz, classify, summary pipelined in one write are answered in order")
  func pipeliningKeepsOrder() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let summary = try JSONEncoder().encode(
      SummaryRequest(
        deviceID: "esp32-9", ts: .now(), summary: Array(repeating: 0.5, count: SummaryRequest.valueCount)))
    let connection = try RawHTTPConnection(port: server.running.port)
    try await connection.send(
      Self.classify(seed: 1) + RawHTTPConnection.request("GET", "/healthz") + Self.classify(seed: 2)
        + RawHTTPConnection.request("POST", "/summary", body: summary, headers: Self.json)
        + Self.classify(seed: 3))
    var replies: [RawHTTPConnection.Response] = []
    for _ in 0..<5 { replies.append(try await connection.response()) }
    #expect(replies.map(\.status) == [200, 200, 200, 201, 200])
    let classifications = try [replies[0], replies[2], replies[4]].map {
      try JSONDecoder().decode(ClassifyResponse.self, from: $0.body)
    }
    let expected = server.classifier.classify([1, 2, 3].map { TestWindows.window(seed: $0) })
    #expect(classifications.map(\.cloudMSE) == expected.map(\.cloudMSE))
    #expect(replies[1].text.contains(#""status":"ok""#))
    #expect(replies[3].text.contains(#""id":"#))
    #expect(try await server.storedCount() == 3)
    try await server.stop()
  }

  @Test("a chunked body growing past the limit gets 413 and the connection keeps serving")
  func chunkedBodyOverLimit() async throws {
    let server = try await TestServer.start(allowAnonymous: true, bodyLimit: 4_096)
    let connection = try RawHTTPConnection(port: server.running.port)
    let chunk = String(repeating: "a", count: 3_000)
    let chunked =
      "POST /classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      + "Transfer-Encoding: chunked\r\n\r\n" + "bb8\r\n\(chunk)\r\n" + "bb8\r\n\(chunk)\r\n" + "0\r\n\r\n"
    try await connection.send(Data(chunked.utf8) + RawHTTPConnection.request("GET", "/healthz"))
    let refused = try await connection.response()
    #expect(refused.status == 413)
    #expect(refused.text == #"{"error":"request body exceeds the limit of 4096 bytes"}"#)
    #expect(try await connection.response().status == 200)
    #expect(try await server.storedCount() == 0)
    try await server.stop()
  }

  @Test("Connection: close is answered, then the server closes the connection")
  func connectionClose() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let connection = try RawHTTPConnection(port: server.running.port)
    try await connection.send(Self.classify(seed: 4, headers: Self.json + [("Connection", "close")]))
    #expect(try await connection.response().status == 200)
    #expect(try await connection.isClosedByServer())
    #expect(try await server.storedCount() == 1)
    try await server.stop()
  }

  @Test(
    "a 200 and each refusal carry Content-Type, Content-Length, Date and Server as Hummingbird's answers do")
  func responseHeaders() async throws {
    let server = try await TestServer.start(allowAnonymous: false, bodyLimit: 4_096)
    let token = try await server.server.core.registerDevice("esp32-5")
    let connection = try RawHTTPConnection(port: server.running.port)
    let body = TestWindows.lessonBody(
      deviceID: "esp32-5", features: TestWindows.window(seed: 5), edgeMSE: 0.2)
    let bearer = ("Authorization", "Bearer \(token)")
    let cases: [(request: Data, status: Int, error: String?)] = [
      (RawHTTPConnection.request("POST", "/classify", body: body, headers: Self.json + [bearer]), 200, nil),
      (
        RawHTTPConnection.request("POST", "/classify", body: body, headers: Self.json), 401,
        "missing bearer token"
      ),
      (
        RawHTTPConnection.request(
          "POST", "/classify", body: body, headers: [("Content-Type", "text/plain"), bearer]),
        415, "Content-Type must be application/json, got 'text/plain'"
      ),
      (
        RawHTTPConnection.request(
          "POST", "/classify", body: Data(count: 5_000), headers: Self.json + [bearer]),
        413, "request body of 5000 bytes exceeds the limit of 4096 bytes"
      ),
      (
        RawHTTPConnection.request("POST", "/classify", body: Data("[1".utf8), headers: Self.json + [bearer]),
        400,
        "body is not valid JSON"
      ),
    ]
    for (request, status, error) in cases {
      try await connection.send(request)
      let reply = try await connection.response()
      #expect(reply.status == status)
      #expect(reply.header("content-type") == "application/json")
      #expect(reply.header("content-length") == "\(reply.body.count)")
      #expect(reply.header("server") == "edgehybrid")
      #expect(reply.header("date")?.hasSuffix(" GMT") == true)
      if let error {
        #expect(
          (try? JSONDecoder().decode(ErrorResponse.self, from: reply.body))?.error.contains(error) == true)
      }
    }
    // The same refusal from a Hummingbird route has the same header fields in the same order.
    try await connection.send(
      RawHTTPConnection.request(
        "POST", "/summary", body: body, headers: [("Content-Type", "text/plain"), bearer]))
    let hummingbird = try await connection.response()
    try await connection.send(cases[2].request)
    let fast = try await connection.response()
    #expect(fast.headers.map(\.name) == hummingbird.headers.map(\.name))
    #expect(fast.body == hummingbird.body)
    try await server.stop()
  }

  @Test("without a cloud model the answer is 503 with the same error body")
  func noCloudModel() async throws {
    let server = try await TestServer.start(allowAnonymous: true, registerModels: false)
    let connection = try RawHTTPConnection(port: server.running.port)
    try await connection.send(Self.classify(seed: 6))
    let reply = try await connection.response()
    #expect(reply.status == 503)
    #expect(reply.text.contains("no cloud model is registered"))
    try await server.stop()
  }

  @Test("a graceful stop under a stream of /classify answers 200 or 503 and every 200 is stored")
  func gracefulStopUnderLoad() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let outcomes = Outcomes()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<4 {
        group.addTask {
          for n in 0..<10_000 {
            let request = ClassifyRequest(
              deviceID: "esp32-\(worker)", features: TestWindows.window(seed: UInt64(n)), edgeMSE: 0.2,
              escalationID: "w\(worker)-\(n)")
            guard let reply = try? await server.send(.POST, "/classify", json: request) else { return }
            outcomes.statuses.withLock { _ = $0.insert(reply.status) }
            if reply.status == 200 { outcomes.answered.withLock { $0.append("w\(worker)-\(n)") } }
          }
        }
      }
      group.addTask {
        while outcomes.answered.withLock({ $0.count }) < 200 { try await Task.sleep(for: .milliseconds(5)) }
        try await server.running.stop()
      }
      try await group.waitForAll()
    }
    try await server.client.shutdown()
    #expect(
      outcomes.statuses.withLock { $0.isSubset(of: [200, 503]) }, "\(outcomes.statuses.withLock { $0 })")
    let store = try DataDirectory(server.directory.url).escalationStore()
    let stored = Set(try await store.escalations(EscalationQuery()).compactMap(\.escalationID))
    await store.close()
    let missing = outcomes.answered.withLock { $0 }.filter { !stored.contains($0) }
    #expect(missing.isEmpty, "answered 200 but not stored: \(missing.prefix(5))")
    server.directory.remove()
  }

  @Test("the Date header is an IMF-fixdate")
  func httpDate() {
    #expect(HTTPDateCache.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(HTTPDateCache.format(1_798_761_599) == "Thu, 31 Dec 2026 23:59:59 GMT")
  }
}

/// What the clients of a stopping server saw: every status, and the escalation ids answered 200.
private final class Outcomes: Sendable {
  let statuses = Mutex<Set<Int>>([])
  let answered = Mutex<[String]>([])
}
