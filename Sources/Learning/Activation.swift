/// The nonlinearity after a dense layer: ReLU in hidden layers, linear at the output.
public enum Activation: String, Sendable, CaseIterable {
  /// `max(x, 0)`.
  case relu
  /// The identity.
  case linear
}
