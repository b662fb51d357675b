/// Why a request to the model source failed.
public enum ModelSourceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No answer (refused, timed out, cut).
  case unreachable(String)
  /// The server answered with an error status.
  case status(Int, String)
  /// The answer is not what the route returns.
  case malformedAnswer(String)

  /// A sentence for the log.
  public var description: String {
    switch self {
    case .unreachable(let detail): "model server unreachable: \(detail)"
    case .status(let code, let body): "model server answered \(code): \(body)"
    case .malformedAnswer(let detail): "model server answer unusable: \(detail)"
    }
  }
}
