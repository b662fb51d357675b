/// Who sent a request, as established from its bearer token.
public enum Caller: Sendable, Equatable {
  /// A registered device with a valid token.
  case device(String)
  /// The operator, with the admin token.
  case admin
  /// No token, admitted by `--allow-anonymous-devices`.
  case anonymous
}
