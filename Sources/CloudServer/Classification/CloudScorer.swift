/// The float cloud model as the server uses it: raw windows in, reconstruction errors out.
public protocol CloudScorer: Sendable {
  /// Values in one raw window.
  var inputCount: Int { get }
  /// Reconstruction error (MSE over the model's standardized features) of each window.
  func reconstructionErrors(_ windows: [[Float]]) -> [Double]
}
