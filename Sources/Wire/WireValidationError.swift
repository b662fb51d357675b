/// A request field that decoded but is not acceptable; the message names the field and the problem.
public struct WireValidationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// JSON key (with index, e.g. `features[12]`) of the offending value.
  public var field: String
  /// What is wrong with it.
  public var problem: String

  /// A validation failure.
  public init(field: String, problem: String) {
    self.field = field
    self.problem = problem
  }

  /// `field: problem`.
  public var description: String { "\(field): \(problem)" }
}
