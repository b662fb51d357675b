/// Why a retraining cycle could not run.
public enum RetrainingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No normal window is left to train on.
  case noTrainingWindows
  /// Nothing to validate on (every window went to training).
  case noValidationWindows
  /// Another cycle is running.
  case alreadyRunning

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .noTrainingWindows:
      "no normal windows to train on: give the original training windows (--base) or wait for escalations"
    case .noValidationWindows:
      "no validation windows: use a hold-out fraction above 0 or give a labelled validation file"
    case .alreadyRunning: "a retraining cycle is already running; wait for it to finish"
    }
  }
}
