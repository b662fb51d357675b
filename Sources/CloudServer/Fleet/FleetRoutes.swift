import Hummingbird
import Wire

/// `GET /api/devices`, `GET /api/devices/{id}`, `GET /api/fleet`, `GET /api/fleet/versions`: the fleet state as JSON.
extension ServerCore {
  func addFleetRoutes(to router: Router<BasicRequestContext>) {
    router.get("/api/devices") { _, _ in
      JSONResponse.make(DeviceList(devices: await self.fleet.devices()))
    }
    router.get("/api/devices/{id}") { _, context in
      let id = try context.parameters.require("id")
      guard let device = await self.fleet.device(id) else {
        throw APIError(
          .notFound,
          "unknown device \"\(id)\": no telemetry received from it; GET /api/devices lists known devices")
      }
      return JSONResponse.make(device)
    }
    router.get("/api/fleet") { _, _ in JSONResponse.make(await self.fleet.overview()) }
    router.get("/api/fleet/versions") { _, _ in JSONResponse.make(await self.fleet.versionStatistics()) }
  }
}

/// `GET /api/devices` answer.
struct DeviceList: Codable, Sendable {
  /// Every device heard from, ordered by id.
  var devices: [FleetDevice]
}
