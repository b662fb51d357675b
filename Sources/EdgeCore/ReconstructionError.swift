/// Mean squared error between a standardized input and its reconstruction: the autoencoder's anomaly score.
///
/// Single precision, accumulated from the first element to the last, then divided by the count, so the
/// device, the trainer and the server agree on the exact value.
public func meanSquaredError(
  _ input: UnsafeBufferPointer<Float>, _ reconstruction: UnsafeBufferPointer<Float>
)
  -> Float
{
  precondition(input.count == reconstruction.count, "input and reconstruction must have the same length")
  precondition(input.count > 0, "mean squared error of an empty window is undefined")
  var sum: Float = 0
  for i in 0..<input.count {
    let difference = input[i] - reconstruction[i]
    sum += difference * difference
  }
  return sum / Float(input.count)
}

/// Mean squared error between two equally long arrays (see the buffer version).
public func meanSquaredError(_ input: [Float], _ reconstruction: [Float]) -> Float {
  input.withUnsafeBufferPointer { input in
    reconstruction.withUnsafeBufferPointer { reconstruction in meanSquaredError(input, reconstruction) }
  }
}
