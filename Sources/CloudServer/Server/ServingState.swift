import Wire

/// What the request handlers read: one immutable snapshot, swapped whole when devices or models change.
struct ServingState: Sendable {
  let generation: Int
  let registry: RegistrySnapshot
  let current: ServedEdgeModel?
  let canary: ServedEdgeModel?
  let classifier: CloudClassifier?
  let authenticator: Authenticator
  /// Devices that get the canary version.
  let cohort: CanaryCohort

  /// The edge model a device should run: the canary for devices in the canary cohort, else the current one.
  func servedModel(for deviceID: String?) -> ServedEdgeModel? {
    if let canary, let deviceID, cohort.contains(deviceID) { return canary }
    return current
  }

  /// The edge model version a device was served at `time`: the canary's only once its rollout had begun.
  func servedVersion(for deviceID: String, at time: WireTimestamp) -> Int? {
    if let canary, time >= canary.record.stateChanged, cohort.contains(deviceID) {
      return canary.record.version
    }
    return current?.record.version
  }
}
