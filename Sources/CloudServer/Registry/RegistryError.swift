/// Why a registry operation was refused.
public enum RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No edge model has this version.
  case unknownEdgeVersion(Int, known: [Int])
  /// No cloud model has this version.
  case unknownCloudVersion(Int, known: [Int])
  /// A new version must be greater than every registered one.
  case versionNotIncreasing(Int, latest: Int)
  /// The thresholds document names another version than the model.
  case thresholdsVersionMismatch(model: Int, thresholds: Int)
  /// The requested state change is not a transition of the rollout state machine.
  case invalidTransition(version: Int, from: ModelState, to: ModelState)
  /// Another canary is in progress.
  case canaryInProgress(Int)
  /// Rollback needs a current model and an earlier retired one.
  case nothingToRollBackTo(current: Int?)
  /// A `.tflite` file or thresholds document is not acceptable.
  case invalidModel(String)
  /// A canary fraction outside (0, 1].
  case invalidCanaryFraction(Double)

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .unknownEdgeVersion(let version, let known):
      "no edge model version \(version); registered: \(known.isEmpty ? "none" : known.map(String.init).joined(separator: ", "))"
    case .unknownCloudVersion(let version, let known):
      "no cloud model version \(version); registered: \(known.isEmpty ? "none" : known.map(String.init).joined(separator: ", "))"
    case .versionNotIncreasing(let version, let latest):
      "model version \(version) is not greater than the latest registered version \(latest); use version \(latest + 1)"
    case .thresholdsVersionMismatch(let model, let thresholds):
      "the thresholds document is for version \(thresholds) but the model is registered as version \(model)"
    case .invalidTransition(let version, let from, let to):
      "edge model v\(version) is \(from.rawValue) and cannot become \(to.rawValue)"
    case .canaryInProgress(let version):
      "edge model v\(version) is already in canary; promote or reject it first"
    case .nothingToRollBackTo(let current):
      if let current {
        "edge model v\(current) is current but no earlier version was ever current; promote a version by hand instead"
      } else {
        "no edge model is current, so there is nothing to roll back"
      }
    case .invalidModel(let problem): problem
    case .invalidCanaryFraction(let fraction): "canary fraction \(fraction) must be in (0, 1]"
    }
  }
}
