import Hummingbird
import Logging
import NIOCore

/// Outermost middleware: turns every error into a JSON `{"error":"…"}` response and records metrics.
struct RequestObserverMiddleware<Context: RequestContext>: RouterMiddleware {
  let metrics: ServerMetrics

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
    async throws
    -> Response
  {
    let clock = ContinuousClock()
    let start = clock.now
    var response: Response
    do {
      response = try await next(request, context)
    } catch {
      response = Self.errorResponse(error, request: request, context: context)
    }
    let route = context.endpointPath ?? "unmatched"
    metrics.recordRequest(
      route: route, method: request.method.rawValue, status: Int(response.status.code),
      duration: clock.now - start)
    return response
  }

  private static func errorResponse(_ error: any Error, request: Request, context: Context) -> Response {
    let apiError: APIError
    switch error {
    case let error as APIError:
      apiError = error
    case let error as HTTPError:
      let message =
        error.status == .notFound
        ? "no route \(request.method.rawValue) \(request.uri.path)"
        : (error.body ?? error.status.reasonPhrase)
      apiError = APIError(error.status, message, headers: error.headers)
    case is NIOTooManyBytesError:
      apiError = APIError(.contentTooLarge, "request body is too large")
    default:
      context.logger.error(
        "request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
      apiError = APIError(.internalServerError, "internal error: \(error)")
    }
    if apiError.status.code >= 500 {
      context.logger.error("\(request.method) \(request.uri.path) → \(apiError)")
    } else {
      context.logger.debug("\(request.method) \(request.uri.path) → \(apiError)")
    }
    return (try? apiError.response(from: request, context: context))
      ?? Response(status: .internalServerError)
  }
}
