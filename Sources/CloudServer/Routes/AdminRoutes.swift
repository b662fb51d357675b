import Foundation
import Hummingbird
import Wire

/// Admin routes (admin token only): registry operations, devices, escalation review and labels.
extension ServerCore {
  func addAdminRoutes(to router: Router<BasicRequestContext>) {
    router.get("/admin/models") { request, _ in
      try self.serving.authenticator.requireAdmin(request)
      return JSONResponse.make(ModelsListing(try await self.registry.snapshot()))
    }
    router.post("/admin/models/rollback") { request, _ in
      try self.serving.authenticator.requireAdmin(request)
      let reason = try await self.optionalReason(request) ?? "rolled back by an operator"
      try await self.registryChange { _ = try await self.registry.rollbackEdge(reason: reason) }
      return JSONResponse.make(ModelsListing(self.serving.registry))
    }
    router.post("/admin/models/:version/:action") { request, context in
      try self.serving.authenticator.requireAdmin(request)
      guard let version = context.parameters.get("version", as: Int.self) else {
        throw APIError(.badRequest, "model version in the path must be an integer")
      }
      let action = context.parameters.get("action") ?? ""
      let states: [String: ModelState] = ["promote": .current, "canary": .canary, "reject": .rejected]
      guard let state = states[action] else {
        throw APIError(.notFound, "unknown model action '\(action)'; use promote, canary or reject")
      }
      let reason = try await self.optionalReason(request)
      try await self.registryChange {
        try await self.registry.transitionEdge(version: version, to: state, reason: reason)
      }
      return JSONResponse.make(ModelsListing(self.serving.registry))
    }
    router.get("/admin/devices") { request, _ in
      try self.serving.authenticator.requireAdmin(request)
      return JSONResponse.make(try await self.devices.devices().map(DeviceInfo.init))
    }
    router.post("/admin/devices") { request, _ in
      try self.serving.authenticator.requireAdmin(request)
      let body = try await request.decodeJSONBody(AddDeviceRequest.self, limit: self.configuration.bodyLimit)
      let token = try await self.registerDevice(body.deviceID)
      return JSONResponse.make(AddDeviceResponse(deviceID: body.deviceID, token: token), status: .created)
    }
    router.delete("/admin/devices/:id") { request, context in
      try self.serving.authenticator.requireAdmin(request)
      let id = context.parameters.get("id") ?? ""
      guard try await self.devices.revokeDevice(id, at: .now()) else {
        throw APIError(.notFound, "unknown device \(id) (or already revoked)")
      }
      try await self.reload(force: true)
      return Response(status: .noContent)
    }
    router.get("/admin/escalations") { request, _ in
      try self.serving.authenticator.requireAdmin(request)
      let query = EscalationQuery(
        afterID: Int64(try request.integerQuery("after") ?? 0),
        limit: min(try request.integerQuery("limit") ?? 100, 10_000),
        deviceID: request.uri.queryParameters.get("device_id").map { String($0) })
      return JSONResponse.make(try await self.escalations.escalations(query))
    }
    router.post("/escalations/:id/label") { request, context in
      try self.serving.authenticator.requireAdmin(request)
      guard let id = context.parameters.get("id", as: Int64.self) else {
        throw APIError(.badRequest, "escalation id in the path must be an integer")
      }
      let body = try await request.decodeJSONBody(LabelRequest.self, limit: self.configuration.bodyLimit)
      if let label = body.label, label != 0, label != 1 {
        throw APIError(
          .badRequest, "label must be \"normal\" or \"anomaly\" (or 0, 1), or null, got \(label)")
      }
      guard try await self.escalations.setOperatorLabel(body.label, escalationID: id) else {
        throw APIError(.notFound, "no escalation with id \(id)")
      }
      guard let record = try await self.escalations.escalation(id: id) else {
        throw APIError(.notFound, "no escalation with id \(id)")
      }
      return JSONResponse.make(record)
    }
  }

  /// Registers a device and returns its token (shown once; only its hash is kept).
  func registerDevice(_ deviceID: String) async throws -> String {
    do {
      try WireValidation.checkDeviceID(deviceID)
    } catch {
      throw APIError(.badRequest, error.description)
    }
    let token = SecretToken.generate(prefix: SecretToken.devicePrefix)
    do {
      try await devices.addDevice(
        DeviceRecord(deviceID: deviceID, tokenHash: SecretToken.hash(token), created: .now()))
    } catch let error as DeviceError {
      throw APIError(.conflict, error.description)
    }
    try await reload(force: true)
    return token
  }

  private func registryChange(_ change: () async throws -> Void) async throws {
    do {
      try await change()
    } catch let error as RegistryError {
      switch error {
      case .unknownEdgeVersion, .unknownCloudVersion: throw APIError(.notFound, error.description)
      default: throw APIError(.conflict, error.description)
      }
    }
    try await reload(force: true)
  }

  private func optionalReason(_ request: Request) async throws -> String? {
    guard request.headers[.contentType] != nil else { return nil }
    return try await request.decodeJSONBody(ReasonRequest.self, limit: configuration.bodyLimit).reason
  }
}
