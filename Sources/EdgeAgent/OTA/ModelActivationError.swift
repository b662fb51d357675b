/// Why a model could not be loaded or run.
public struct ModelActivationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, for the log and the `ota` topic.
  public let reason: String

  /// An error saying `reason`.
  public init(_ reason: String) {
    self.reason = reason
  }

  /// The reason.
  public var description: String { reason }
}
