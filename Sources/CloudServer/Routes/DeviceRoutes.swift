import Foundation
import Hummingbird
import Wire

/// `POST /classify` and `POST /summary`: what devices send.
extension ServerCore {
  func addDeviceRoutes(to router: Router<BasicRequestContext>) {
    router.post("/classify") { request, _ in try await self.classify(request) }
    router.post("/summary") { request, _ in try await self.summary(request) }
  }

  /// Judges an escalated window with the cloud model, stores it durably, then answers.
  func classify(_ request: Request) async throws -> Response {
    let serving = serving
    let caller = try serving.authenticator.deviceCaller(request)
    let body = try await request.decodeJSONBody(
      ClassifyRequest.self, limit: configuration.bodyLimit, using: ClassifyRequest.decode(json:))
    guard let classifier = serving.classifier else {
      throw APIError(
        .serviceUnavailable, "no cloud model is registered; add one with 'edgehybrid models add-cloud'")
    }
    do {
      try body.validate(featureCount: classifier.inputCount)
    } catch {
      throw APIError(.badRequest, error.description)
    }
    try serving.authenticator.authorize(caller, as: body.deviceID)
    let verdict = classifier.classify(body.features)
    let record = StoredEscalation(
      deviceID: body.deviceID, escalationID: body.escalationID, receivedAt: .now(), features: body.features,
      edgeMSE: body.edgeMSE, edgeModelVersion: body.modelVersion, cloudMSE: verdict.cloudMSE,
      classification: verdict.classification, confidence: verdict.confidence, cloudModel: verdict.cloudModel)
    let outcome: RecordOutcome
    do {
      outcome = try await escalations.record(record)
    } catch StoreError.closed {
      throw APIError(.serviceUnavailable, "the server is shutting down; retry shortly")
    }
    metrics.recordEscalation(classification: outcome.record.classification, duplicate: outcome.isDuplicate)
    if !outcome.isDuplicate {
      fleet.recordCloudVerdict(
        deviceID: body.deviceID, edgeMSE: body.edgeMSE, modelVersion: body.modelVersion, verdict: verdict)
    }
    let response = outcome.record.response
    return response.fastJSON.map { JSONResponse.make(bytes: $0) } ?? JSONResponse.make(response)
  }

  /// Stores a device's 20-value feature summary.
  func summary(_ request: Request) async throws -> Response {
    let serving = serving
    let caller = try serving.authenticator.deviceCaller(request)
    let body = try await request.decodeJSONBody(SummaryRequest.self, limit: configuration.bodyLimit)
    do {
      try body.validate()
    } catch {
      throw APIError(.badRequest, error.description)
    }
    try serving.authenticator.authorize(caller, as: body.deviceID)
    do {
      let stored = try await escalations.record(
        summary: SummaryRecord(
          deviceID: body.deviceID, ts: body.ts, receivedAt: .now(), summary: body.summary))
      return JSONResponse.make(SummaryAccepted(id: stored.id ?? 0), status: .created)
    } catch StoreError.closed {
      throw APIError(.serviceUnavailable, "the server is shutting down; retry shortly")
    }
  }
}

/// `POST /summary` answer.
struct SummaryAccepted: Codable, Sendable {
  /// Store id of the summary.
  var id: Int64
}
