/// How a new network's weights are drawn (biases start at zero), as Keras names them.
public enum WeightInitialization: String, Sendable, CaseIterable {
  /// Uniform in ±√(6 / (inputs + outputs)); Keras's default for Dense layers.
  case glorotUniform
  /// Uniform in ±√(6 / inputs); suited to ReLU layers.
  case heUniform

  /// Half-width of the uniform range for a layer of the given fan-in and fan-out.
  func limit(inputs: Int, outputs: Int) -> Float {
    switch self {
    case .glorotUniform: (6 / Float(inputs + outputs)).squareRoot()
    case .heUniform: (6 / Float(inputs)).squareRoot()
    }
  }
}
