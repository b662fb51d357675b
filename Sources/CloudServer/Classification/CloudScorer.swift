/// The float cloud model as the server uses it: raw windows in, reconstruction errors out.
public protocol CloudScorer: Sendable {
  /// Values in one raw window.
  var inputCount: Int { get }
  /// Reconstruction error (MSE over the model's standardized features) of each window.
  func reconstructionErrors(_ windows: [[Float]]) -> [Double]
  /// Reconstruction error of one window (`/classify`'s case); must equal `reconstructionErrors([window])[0]`.
  func reconstructionError(_ window: [Float]) -> Double
}
