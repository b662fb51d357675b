/// Rows to learn from: inputs and the outputs the network should produce for them.
public struct TrainingData: Sendable {
  /// One sample a row.
  public var inputs: Matrix
  /// Desired outputs, one row per input row; `nil` means "reproduce the inputs" (an autoencoder).
  public var targets: Matrix?

  /// Samples with explicit targets, or autoencoder samples when `targets` is `nil`.
  public init(inputs: Matrix, targets: Matrix? = nil) {
    if let targets {
      precondition(targets.rows == inputs.rows, "\(inputs.rows) input rows but \(targets.rows) target rows")
    }
    self.inputs = inputs
    self.targets = targets
  }

  /// Number of samples.
  public var count: Int { inputs.rows }
  /// Values per target row.
  var targetWidth: Int { targets?.cols ?? inputs.cols }
}
