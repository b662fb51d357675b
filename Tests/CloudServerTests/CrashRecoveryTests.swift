import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing
import Wire

@testable import CloudServer

@Suite("edgehybrid serve killed mid-stream", .serialized)
struct CrashRecoveryTests {
  /// The `edgehybrid` executable built next to this test bundle.
  static var executable: URL {
    URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("edgehybrid")
  }

  private static func launch(_ directory: URL) async throws -> ServerProcess {
    let portFile = directory.appendingPathComponent("port")
    return try await ServerProcess.launch(
      executable: executable,
      arguments: [
        "serve", "--data-dir", directory.path, "--port", "0", "--port-file", portFile.path,
        "--allow-anonymous-devices", "--log-level", "error",
      ],
      portFile: portFile)
  }

  private static func classify(_ client: HTTPClient, port: Int, id: String, seed: UInt64) async throws
    -> ClassifyResponse
  {
    let body = ClassifyRequest(
      deviceID: "motor-\(seed % 4)", features: TestWindows.window(seed: seed, faulty: seed % 3 == 0),
      edgeMSE: 0.15,
      modelVersion: 1, escalationID: id)
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/classify")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
    let response = try await client.execute(request, timeout: .seconds(10))
    let bytes = try await response.body.collect(upTo: 1 << 16)
    guard response.status == .ok else { throw CrashTestError.status(Int(response.status.code)) }
    return try JSONDecoder().decode(ClassifyResponse.self, from: Data(bytes.readableBytesView))
  }

  enum CrashTestError: Error { case status(Int) }

  /// What the streaming clients saw, shared between them.
  final class Stream: Sendable {
    let answered = Mutex<[String: ClassifyResponse]>([:])
    let attempted = Mutex<[String: UInt64]>([:])
  }

  @Test(
    "every escalation answered 200 before SIGKILL is stored after restart, and retried ids are stored once")
  func sigkillMidStream() async throws {
    #expect(
      FileManager.default.isExecutableFile(atPath: Self.executable.path),
      "build the edgehybrid product first (swift build builds it): \(Self.executable.path)")
    let directory = try TemporaryDirectory("edgehybrid-crash")
    defer { directory.remove() }
    let data = try DataDirectory(directory.url)
    try await TestModels.registerCloudModel(in: data.registry)
    try data.database.close()

    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    let server = try await Self.launch(directory.url)
    let stream = Stream()
    let (port, pid) = (server.port, server.pid)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<8 {
        group.addTask {
          for n in 0..<100_000 {
            let seed = UInt64(worker * 100_000 + n)
            let id = "w\(worker)-\(n)"
            stream.attempted.withLock { $0[id] = seed }
            guard let answer = try? await Self.classify(client, port: port, id: id, seed: seed) else {
              return
            }
            stream.answered.withLock { $0[id] = answer }
          }
        }
      }
      group.addTask {
        while stream.answered.withLock({ $0.count }) < 300 { try await Task.sleep(for: .milliseconds(5)) }
        kill(pid, SIGKILL)
      }
      try await group.waitForAll()
    }
    #expect(try await server.waitForExit() == SIGKILL)
    let answeredBeforeCrash = stream.answered.withLock { $0 }
    let attemptedBeforeCrash = stream.attempted.withLock { $0 }
    #expect(answeredBeforeCrash.count >= 300)

    let restarted = try await Self.launch(directory.url)
    for (id, seed) in attemptedBeforeCrash {
      let retry = try await Self.classify(client, port: restarted.port, id: id, seed: seed)
      if let first = answeredBeforeCrash[id] {
        #expect(retry == first, "retry of \(id) answered differently")
      }
    }
    restarted.send(SIGTERM)
    #expect(try await restarted.waitForExit() == 0, "graceful stop exits 0")
    try await client.shutdown()

    let store = try DataDirectory(directory.url).escalationStore()
    let stored = try await store.escalations(EscalationQuery())
    await store.close()
    let storedIDs = stored.compactMap(\.escalationID)
    #expect(Set(storedIDs).count == storedIDs.count, "each escalation_id stored once")
    #expect(Set(storedIDs) == Set(attemptedBeforeCrash.keys))
    for (id, answer) in answeredBeforeCrash {
      let record = stored.first { $0.escalationID == id }
      #expect(record?.response == answer, "answered escalation \(id) is stored with its answer")
    }
  }
}
