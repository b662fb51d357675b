/// Body of every 4xx/5xx answer: `{"error":"…"}` saying what was wrong.
public struct ErrorResponse: Codable, Sendable, Equatable {
  /// What was wrong and, where possible, what to do.
  public var error: String

  /// An error body.
  public init(error: String) {
    self.error = error
  }
}
