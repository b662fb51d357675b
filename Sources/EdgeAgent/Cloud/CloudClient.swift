import AsyncHTTPClient
import Foundation
import Wire

/// `POST /classify` for a device: live escalations and store-and-forward uploads alike, each with its
/// `escalation_id` so a retried upload is stored once.
public struct CloudClient: Sendable {
  let http: CloudHTTP

  /// A client for `endpoint` on the device's shared `client`.
  public init(client: HTTPClient, endpoint: CloudEndpoint) {
    http = CloudHTTP(client: client, endpoint: endpoint)
  }

  /// The endpoint spoken to.
  public var endpoint: CloudEndpoint { http.endpoint }

  /// The encoded body of `request` (what goes over the wire, and what the byte counts measure).
  public static func body(of request: ClassifyRequest) -> [UInt8] {
    do {
      return Array(try JSONEncoder().encode(request))
    } catch {
      preconditionFailure("a classify request holds only strings and finite numbers: \(error)")
    }
  }

  /// Asks the cloud to judge an encoded request body (see `body(of:)`).
  public func classify(body: [UInt8]) async throws(CloudError) -> ClassifyResponse {
    let answer = try await http.exchange(.POST, "/classify", body: body)
    do {
      return try JSONDecoder().decode(ClassifyResponse.self, from: Data(answer.body))
    } catch {
      throw .malformedAnswer("/classify answer is not a classification: \(error)")
    }
  }

  /// Asks the cloud to judge `request`.
  public func classify(_ request: ClassifyRequest) async throws(CloudError) -> ClassifyResponse {
    try await classify(body: Self.body(of: request))
  }

  /// Posts a feature summary (`POST /summary`); returns the bytes sent.
  @discardableResult
  public func summary(_ request: SummaryRequest) async throws(CloudError) -> Int {
    let body: [UInt8]
    do {
      body = Array(try JSONEncoder().encode(request))
    } catch {
      preconditionFailure("a summary holds only strings and finite numbers: \(error)")
    }
    _ = try await http.exchange(.POST, "/summary", body: body)
    return body.count
  }
}
