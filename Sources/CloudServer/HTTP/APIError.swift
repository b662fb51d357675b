import Hummingbird
import Wire

/// A refused request: its status and the `{"error":"…"}` text saying what was wrong.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
  /// The HTTP status.
  public var status: HTTPResponse.Status
  /// Extra headers (e.g. `WWW-Authenticate`, `Content-Range`).
  public var headers: HTTPFields
  /// What was wrong.
  public var message: String

  /// A refusal.
  public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
    self.status = status
    self.message = message
    self.headers = headers
  }

  /// `status: message`.
  public var description: String { "\(status.code) \(message)" }

  /// The JSON error response.
  public func response(from request: Request, context: some RequestContext) throws -> Response {
    var response = JSONResponse.make(ErrorResponse(error: message), status: status)
    response.headers.append(contentsOf: headers)
    return response
  }
}
