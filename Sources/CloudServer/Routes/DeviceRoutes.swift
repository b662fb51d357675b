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
  ///
  /// Requests reaching the router take this route; those on an HTTP/1 connection are answered on the event
  /// loop by `ClassifyChannelHandler`, through the same three steps.
  func classify(_ request: Request) async throws -> Response {
    let admission = try admitClassify(request.headers)
    let judgement = try await request.collectBody(limit: configuration.bodyLimit).withUnsafeReadableBytes {
      bytes throws(APIError) in try judgeClassify(bytes, admission)
    }
    return JSONResponse.make(bytes: try await storeClassification(judgement))
  }

  /// First `/classify` step, on the head alone: who is calling and whether the body may be JSON of this size.
  func admitClassify(_ headers: HTTPFields) throws(APIError) -> ClassifyAdmission {
    let serving = serving
    let caller = try serving.authenticator.deviceCaller(headers)
    try headers.checkJSONBody(limit: configuration.bodyLimit)
    return ClassifyAdmission(serving: serving, caller: caller)
  }

  /// Second `/classify` step, on the body: parse, validate, authorize, and judge with the cloud model.
  func judgeClassify(_ bytes: UnsafeRawBufferPointer, _ admission: ClassifyAdmission) throws(APIError)
    -> ClassifyJudgement
  {
    let body = try JSONBody.decode(bytes, using: ClassifyRequest.decode(json:))
    guard let classifier = admission.serving.classifier else {
      throw APIError(
        .serviceUnavailable, "no cloud model is registered; add one with 'edgehybrid models add-cloud'")
    }
    do {
      try body.validate(featureCount: classifier.inputCount)
    } catch {
      throw APIError(.badRequest, error.description)
    }
    try admission.serving.authenticator.authorize(admission.caller, as: body.deviceID)
    let verdict = classifier.classify(body.features)
    let record = StoredEscalation(
      deviceID: body.deviceID, escalationID: body.escalationID, receivedAt: .now(), features: body.features,
      edgeMSE: body.edgeMSE, edgeModelVersion: body.modelVersion, cloudMSE: verdict.cloudMSE,
      classification: verdict.classification, confidence: verdict.confidence, cloudModel: verdict.cloudModel)
    return ClassifyJudgement(request: body, verdict: verdict, record: record)
  }

  /// Last `/classify` step: stores the escalation durably, counts it, and gives the JSON answer's bytes.
  func storeClassification(_ judgement: ClassifyJudgement) async throws -> [UInt8] {
    let outcome = try await withCheckedThrowingContinuation { continuation in
      storeClassification(judgement) { continuation.resume(with: $0) }
    }
    return answerClassification(judgement, outcome)
  }

  /// Stores the escalation durably for a caller outside Swift concurrency (the event loop); `completion` runs
  /// on the store's committing task, so it should hand the outcome on to `answerClassification` elsewhere.
  func storeClassification(
    _ judgement: ClassifyJudgement, completion: @escaping @Sendable (Result<RecordOutcome, any Error>) -> Void
  ) {
    escalations.record(judgement.record) { result in
      if case .failure(StoreError.closed) = result {
        completion(.failure(APIError(.serviceUnavailable, "the server is shutting down; retry shortly")))
      } else {
        completion(result)
      }
    }
  }

  /// Counts a stored escalation, shows a new one on the fleet picture, and encodes the answer.
  func answerClassification(_ judgement: ClassifyJudgement, _ outcome: RecordOutcome) -> [UInt8] {
    metrics.recordEscalation(classification: outcome.record.classification, duplicate: outcome.isDuplicate)
    if !outcome.isDuplicate {
      let body = judgement.request
      fleet.recordCloudVerdict(
        deviceID: body.deviceID, edgeMSE: body.edgeMSE, modelVersion: body.modelVersion,
        verdict: judgement.verdict)
    }
    let response = outcome.record.response
    return response.fastJSON ?? Array(JSONResponse.encode(response))
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

/// A `/classify` request admitted on its head: the serving snapshot and caller its body is judged with.
struct ClassifyAdmission: Sendable {
  /// The snapshot taken when the request arrived.
  let serving: ServingState
  /// Who sent it.
  let caller: Caller
}

/// A judged `/classify` window, waiting to be stored.
struct ClassifyJudgement: Sendable {
  /// The parsed request.
  let request: ClassifyRequest
  /// The cloud model's verdict.
  let verdict: CloudVerdict
  /// What the store keeps.
  let record: StoredEscalation
}
