import Foundation
import Hummingbird
import Wire

/// `GET /healthz` and `GET /metrics`.
extension ServerCore {
  func addOperationsRoutes(to router: Router<BasicRequestContext>) {
    router.get("/healthz") { _, _ in
      let serving = self.serving
      let uptime = ContinuousClock.now - self.started
      return JSONResponse.make(
        HealthResponse(
          status: "ok", modelVersion: serving.current?.record.version,
          cloudModel: serving.classifier?.card.modelID ?? "none",
          uptimeS: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18))
    }
    router.get("/metrics") { _, _ in
      self.metrics.setStore(
        escalations: try await self.escalations.escalationCount(),
        summaries: try await self.escalations.summaryCount(),
        bytes: try self.escalations.sizeOnDisk())
      return Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.metrics.render())))
    }
  }
}
