import EdgeCore

/// Runs a front-end on one window held in an array.
func extractFeatures(_ frontEnd: inout FrontEnd, _ window: [Float]) -> [Float] {
  var features = [Float](repeating: .nan, count: frontEnd.featureCount)
  window.withUnsafeBufferPointer { input in
    features.withUnsafeMutableBufferPointer { output in frontEnd.extract(window: input, into: output) }
  }
  return features
}
