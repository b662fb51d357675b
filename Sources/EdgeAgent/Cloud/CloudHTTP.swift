import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Wire

/// One request/answer exchange with the server on the device's shared `HTTPClient`, with the endpoint's
/// token and timeout, errors sorted into `CloudError`.
struct CloudHTTP: Sendable {
  /// The client every request of the device goes through (one connection pool).
  let client: HTTPClient
  /// Where and as whom.
  let endpoint: CloudEndpoint
  /// Largest answer read (a model download chunk, a manifest).
  static let maximumAnswerBytes = 4 << 20

  /// The status, headers and body of `method path`; a 4xx or 5xx status becomes an error.
  func exchange(
    _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, headers extra: [(String, String)] = []
  ) async throws(CloudError) -> (status: Int, headers: HTTPHeaders, body: [UInt8]) {
    var request = HTTPClientRequest(url: endpoint.baseURL + path)
    request.method = method
    if let token = endpoint.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    for (name, value) in extra { request.headers.add(name: name, value: value) }
    let deadline = NIODeadline.now() + TimeAmount(endpoint.timeout)
    let status: Int
    let headers: HTTPHeaders
    let answer: ByteBuffer
    do {
      let response = try await client.execute(request, deadline: deadline)
      status = Int(response.status.code)
      headers = response.headers
      answer = try await response.body.collect(upTo: Self.maximumAnswerBytes)
    } catch {
      throw Self.classify(error)
    }
    let bytes = Array(answer.readableBytesView)
    guard status < 400 else {
      let message =
        (try? JSONDecoder().decode(ErrorResponse.self, from: Data(bytes)).error)
        ?? String(decoding: bytes.prefix(200), as: UTF8.self)
      if status < 500 { throw CloudError.refused(status: status, message: message) }
      throw CloudError.serverError(status: status, message: message)
    }
    return (status, headers, bytes)
  }

  /// The JSON answer of `GET path` decoded as `T`.
  func get<T: Decodable>(_ path: String, as type: T.Type) async throws(CloudError) -> T {
    let answer = try await exchange(.GET, path)
    do {
      return try JSONDecoder().decode(T.self, from: Data(answer.body))
    } catch {
      throw .malformedAnswer("\(path) is not a \(T.self) document: \(error)")
    }
  }

  /// A transport error as the device sees it: out of time, or no connection.
  static func classify(_ error: any Error) -> CloudError {
    if let error = error as? HTTPClientError,
      [.deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout].contains(error)
    {
      return .timeout
    }
    return .unreachable("\(error)")
  }
}
