import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import CloudServer

@Suite("Idle timeout kept by the /classify handler")
struct ClassifyIdleTimeoutTests {
  @Test("a connection is closed after the idle timeout, but not while a request is being answered")
  func idleTimeout() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let loop = EmbeddedEventLoop()
    let channel = EmbeddedChannel(
      handler: ClassifyChannelHandler(
        core: server.server.core, serverName: "edgehybrid", idleTimeout: .seconds(60)),
      loop: loop)
    try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).get()
    try channel.writeInbound(
      HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/healthz")))
    try channel.writeInbound(HTTPRequestPart.end(nil))
    guard case .head(let forwarded) = try channel.readInbound(as: HTTPRequestPart.self) else {
      Issue.record("GET /healthz was not passed through")
      return
    }
    #expect(forwarded.path == "/healthz")
    loop.advanceTime(by: .seconds(61))
    #expect(channel.isActive, "a request still being answered keeps the connection")
    try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
    try channel.writeOutbound(HTTPResponsePart.end(nil))
    loop.advanceTime(by: .seconds(59))
    #expect(channel.isActive, "idle for less than the timeout")
    loop.advanceTime(by: .seconds(2))
    #expect(!channel.isActive, "idle for the timeout")
    _ = try? channel.finish()
    try await server.stop()
  }
}
