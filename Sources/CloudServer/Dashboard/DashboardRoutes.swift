import Foundation
import Hummingbird

/// `GET /` (the dashboard page), `GET /api/dashboard` (one update as JSON) and `GET /api/events` (live updates).
extension ServerCore {
  func addDashboardRoutes(to router: Router<BasicRequestContext>) {
    router.get("/") { _, _ in
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      let state = try encoder.encode(await self.fleet.dashboard())
      return Response(
        status: .ok,
        headers: [
          .contentType: "text/html; charset=utf-8", .cacheControl: "no-cache",
          .contentSecurityPolicy: DashboardPage.contentSecurityPolicy, .xContentTypeOptions: "nosniff",
          .init("Referrer-Policy")!: "no-referrer",
        ],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: DashboardPage.html(initialState: state))))
    }
    router.get("/api/dashboard") { _, _ in JSONResponse.make(await self.fleet.dashboard()) }
    router.get("/api/events") { _, _ in EventStream(fleet: self.fleet).response() }
  }
}
