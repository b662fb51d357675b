import Foundation

/// The Adam optimizer exactly as Keras 3 applies it (bias-corrected step size, ε outside the root),
/// so Swift-trained models follow the reference models' training.
public struct Adam: Equatable, Sendable {
  /// Step size before bias correction.
  public var learningRate: Float
  /// Decay of the first-moment (mean) estimate.
  public var beta1: Float
  /// Decay of the second-moment (uncentred variance) estimate.
  public var beta2: Float
  /// Keeps the update finite where the second moment is near zero.
  public var epsilon: Float

  /// Adam with Keras's defaults unless told otherwise.
  public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  /// The bias-corrected step size `lr · √(1 − β2ᵗ) / (1 − β1ᵗ)` of update number `step` (from 1).
  func stepSize(step: Int) -> Float {
    let t = Double(step)
    let correction = (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t))
    return Float(Double(learningRate) * correction)
  }

  /// Applies one update to `parameters[range]`, with the gradient being the sum of the two shard gradients
  /// `first + second` (added in that order), and updates the moment estimates in place.
  func update(
    _ range: Range<Int>, parameters: UnsafeMutablePointer<Float>, firstMoment m: UnsafeMutablePointer<Float>,
    secondMoment v: UnsafeMutablePointer<Float>, first: UnsafePointer<Float>, second: UnsafePointer<Float>,
    stepSize alpha: Float
  ) {
    let oneMinusBeta1 = 1 - beta1
    let oneMinusBeta2 = 1 - beta2
    var i = range.lowerBound
    while i + 8 <= range.upperBound {
      let g = (first + i).vector(SIMD8<Float>.self) + (second + i).vector(SIMD8<Float>.self)
      var mi = (m + i).vector(SIMD8<Float>.self)
      var vi = (v + i).vector(SIMD8<Float>.self)
      mi += (g - mi) * oneMinusBeta1
      vi += (g * g - vi) * oneMinusBeta2
      (m + i).store(mi)
      (v + i).store(vi)
      (parameters + i).store(
        (parameters + i).vector(SIMD8<Float>.self) - (mi * alpha) / (vi.laneSquareRoot + epsilon))
      i += 8
    }
    while i < range.upperBound {
      let g = first[i] + second[i]
      m[i] += (g - m[i]) * oneMinusBeta1
      v[i] += (g * g - v[i]) * oneMinusBeta2
      parameters[i] -= (m[i] * alpha) / (v[i].squareRoot() + epsilon)
      i += 1
    }
  }
}
