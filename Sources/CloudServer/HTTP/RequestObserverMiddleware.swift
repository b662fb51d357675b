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
    let apiError = APIError(
      answering: error, method: request.method.rawValue, path: request.uri.path, logger: context.logger)
    return (try? apiError.response(from: request, context: context))
      ?? Response(status: .internalServerError)
  }
}
