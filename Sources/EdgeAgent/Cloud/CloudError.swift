/// Why a request to the cloud tier failed, sorted by what the device should do about it.
public enum CloudError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No connection (refused, reset, DNS): back off and queue.
  case unreachable(String)
  /// No answer within the timeout: back off and queue.
  case timeout
  /// The server refused the request with a 4xx status and its `error` text.
  case refused(status: Int, message: String)
  /// The server failed with a 5xx status: back off and queue.
  case serverError(status: Int, message: String)
  /// The answer is not what the route returns.
  case malformedAnswer(String)

  /// True when retrying the same request cannot succeed (a 4xx other than auth, timeout and rate limit):
  /// the device drops it rather than blocking its queue.
  public var isPermanent: Bool {
    guard case .refused(let status, _) = self else { return false }
    return ![401, 403, 408, 429].contains(status)
  }

  /// A sentence for the log.
  public var description: String {
    switch self {
    case .unreachable(let detail): "cloud unreachable: \(detail); check the server URL and the network"
    case .timeout: "cloud did not answer in time"
    case .refused(let status, let message): "cloud refused the request (\(status)): \(message)"
    case .serverError(let status, let message): "cloud failed (\(status)): \(message)"
    case .malformedAnswer(let detail): "cloud answer unusable: \(detail)"
    }
  }
}
