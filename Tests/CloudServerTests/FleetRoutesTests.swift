import Foundation
import Testing
import Wire

@testable import CloudServer

@Suite("Fleet routes and broker URLs")
struct FleetRoutesTests {
  @Test("a /classify verdict is listed among recent escalations once, even when retried")
  func classifyFeedsRecentEscalations() async throws {
    let server = try await TestServer.start(allowAnonymous: true)
    let request = ClassifyRequest(
      deviceID: "motor-01", features: TestWindows.window(seed: 3), edgeMSE: 0.15, modelVersion: 2,
      escalationID: "motor-01-7")
    #expect(try await server.send(.POST, "/classify", json: request).status == 200)
    #expect(try await server.send(.POST, "/classify", json: request).status == 200)
    let overview = try await server.send(.GET, "/api/fleet").decode(FleetOverview.self)
    try await server.stop()
    #expect(overview.escalations.count == 1)
    let escalation = try #require(overview.escalations.first)
    #expect(escalation.source == .server)
    #expect(escalation.deviceID == "motor-01")
    #expect(escalation.modelVersion == 2)
    #expect(escalation.cloudModel == "cloud-1")
  }

  @Test("the dashboard page embeds the fleet, escapes '<' in device ids, and pins its script by hash")
  func dashboardPage() async throws {
    let server = try await TestServer.start()
    await server.server.fleet.ingest(TelemetryEvents.status("</script><b>x", seq: 1, version: 7))
    let page = try await server.send(.GET, "/")
    try await server.stop()
    #expect(page.status == 200)
    #expect(page.headers.first(name: "Content-Type") == "text/html; charset=utf-8")
    #expect(page.headers.first(name: "Cache-Control") == "no-cache")
    #expect(page.headers.first(name: "Content-Security-Policy")?.contains("script-src 'sha256-") == true)
    let html = String(decoding: page.body, as: UTF8.self)
    #expect(html.contains(#"\u003c\/script>\u003cb>x"#))
    #expect(!html.contains("</script><b>x"))
    #expect(!html.contains(DashboardPage.placeholder))
  }

  @Test("broker URLs: mqtt and mqtts with defaults and credentials; anything else is refused with a reason")
  func brokerURLs() throws {
    let plain = try TelemetryBroker.configuration(url: "mqtt://broker.local")
    #expect(plain.host == "broker.local")
    #expect(plain.port == 1883)
    #expect(plain.tls == nil)
    let secure = try TelemetryBroker.configuration(url: "mqtts://ops:secret@10.0.0.5:9883")
    #expect(secure.port == 9883)
    #expect(secure.tls != nil)
    #expect(secure.credentials?.username == "ops")
    #expect(secure.credentials?.password == Array("secret".utf8))
    #expect(try TelemetryBroker.configuration(url: "mqtt://a").clientID != plain.clientID)
    for bad in ["http://broker", "broker:1883", "mqtt://", "mqtt://broker/topic"] {
      #expect(throws: TelemetryBrokerError.self) { try TelemetryBroker.configuration(url: bad) }
    }
  }
}
