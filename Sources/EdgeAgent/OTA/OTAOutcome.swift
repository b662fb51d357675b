/// How one update check ended.
public enum OTAOutcome: Equatable, Sendable {
  /// The running model is the server's.
  case upToDate(version: Int)
  /// A newer model passed its self-test and runs.
  case applied(version: Int)
  /// A signed rollback to an older model passed its self-test and runs.
  case rolledBack(version: Int)
  /// The offered update was refused; the running model stays.
  case rejected(OTARejection)
  /// The new model failed its self-test and the previous one runs again.
  case reverted(version: Int, reason: String)
  /// The server could not be asked.
  case unreachable(ModelSourceError)
  /// Another check is under way.
  case busy
}
