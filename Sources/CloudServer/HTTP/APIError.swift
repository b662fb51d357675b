import Foundation
import Hummingbird
import Logging
import NIOCore
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
    var response = JSONResponse.make(bytes: body, status: status)
    response.headers.append(contentsOf: headers)
    return response
  }

  /// The `{"error":"…"}` body.
  var body: Data { JSONResponse.encode(ErrorResponse(error: message)) }

  /// The refusal that answers a request which failed with `error`, logged at error level for a 5xx.
  init(answering error: any Error, method: String, path: String, logger: Logger) {
    switch error {
    case let error as APIError:
      self = error
    case let error as HTTPError:
      let message =
        error.status == .notFound ? "no route \(method) \(path)" : (error.body ?? error.status.reasonPhrase)
      self.init(error.status, message, headers: error.headers)
    case is NIOTooManyBytesError:
      self.init(.contentTooLarge, "request body is too large")
    default:
      logger.error("request failed", metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"])
      self.init(.internalServerError, "internal error: \(error)")
    }
    if status.code >= 500 {
      logger.error("\(method) \(path) → \(self)")
    } else {
      logger.debug("\(method) \(path) → \(self)")
    }
  }
}
