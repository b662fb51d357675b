import Wire

/// The whole model registry as a value: edge and cloud versions, issued manifests, history.
///
/// Its mutating methods are the rollout state machine; a `ModelRegistryStore` loads a snapshot,
/// lets one of them run, and saves the result in one transaction.
public struct RegistrySnapshot: Sendable, Equatable {
  /// Edge models by ascending version.
  public var edgeModels: [EdgeModelRecord]
  /// Cloud models by ascending version.
  public var cloudModels: [CloudModelRecord]
  /// Issued manifests by ascending serial.
  public var manifests: [ManifestRecord]
  /// Every transition, oldest first.
  public var events: [RegistryEvent]
  /// Fraction of devices that get a canary version.
  public var canaryFraction: Double

  /// A snapshot.
  public init(
    edgeModels: [EdgeModelRecord] = [], cloudModels: [CloudModelRecord] = [],
    manifests: [ManifestRecord] = [],
    events: [RegistryEvent] = [], canaryFraction: Double = 0.1
  ) {
    self.edgeModels = edgeModels
    self.cloudModels = cloudModels
    self.manifests = manifests
    self.events = events
    self.canaryFraction = canaryFraction
  }

  /// The edge model every device gets.
  public var currentEdge: EdgeModelRecord? { edgeModels.first { $0.state == .current } }

  /// The edge model in canary, if any.
  public var canaryEdge: EdgeModelRecord? { edgeModels.first { $0.state == .canary } }

  /// The cloud model answering `/classify`.
  public var currentCloud: CloudModelRecord? { cloudModels.first { $0.state == .current } }

  /// The edge model with this version.
  public func edgeModel(version: Int) -> EdgeModelRecord? { edgeModels.first { $0.version == version } }

  /// The version the next registered edge model must carry.
  public var nextEdgeVersion: Int { (edgeModels.map(\.version).max() ?? 0) + 1 }

  /// The version the next registered cloud model gets.
  public var nextCloudVersion: Int { (cloudModels.map(\.version).max() ?? 0) + 1 }

  /// The newest manifest naming `version`.
  public func latestManifest(version: Int) -> ManifestRecord? { manifests.last { $0.version == version } }

  /// Adds a new edge model as a candidate; its version must exceed every registered one.
  public mutating func registerEdge(_ record: EdgeModelRecord) throws(RegistryError) {
    let latest = edgeModels.map(\.version).max() ?? 0
    guard record.version > latest else { throw .versionNotIncreasing(record.version, latest: latest) }
    guard record.thresholds.version == record.version else {
      throw .thresholdsVersionMismatch(model: record.version, thresholds: record.thresholds.version)
    }
    var candidate = record
    candidate.state = .candidate
    candidate.stateChanged = record.created
    edgeModels.append(candidate)
    events.append(
      RegistryEvent(
        ts: record.created, model: .edge, version: record.version, from: nil, to: .candidate,
        reason: record.reason))
  }

  /// Moves an edge model to `state` following the rollout rules, signing the manifests devices need.
  ///
  /// canary: from candidate or retired, one at a time. current: from candidate, canary, retired,
  /// rejected or rolled back; the old current retires. rejected: from candidate or canary; rolled back:
  /// from canary. Withdrawing a canary re-issues the current manifest as a rollback so canary devices go back.
  public mutating func transitionEdge(
    version: Int, to state: ModelState, reason: String?, at time: WireTimestamp, signer: ManifestSigner
  ) throws {
    guard let index = edgeModels.firstIndex(where: { $0.version == version }) else {
      throw RegistryError.unknownEdgeVersion(version, known: edgeModels.map(\.version))
    }
    let from = edgeModels[index].state
    switch (from, state) {
    case (.candidate, .canary), (.retired, .canary):
      if let canary = canaryEdge { throw RegistryError.canaryInProgress(canary.version) }
      setEdgeState(index, .canary, reason: reason, at: time)
      try issueManifest(for: version, rollbackFrom: nil, at: time, signer: signer)
    case (.candidate, .current), (.canary, .current), (.retired, .current), (.rejected, .current),
      (.rolledBack, .current):
      let previous = currentEdge
      if let previous, let previousIndex = edgeModels.firstIndex(of: previous) {
        setEdgeState(previousIndex, .retired, reason: "replaced by v\(version)", at: time)
      }
      setEdgeState(index, .current, reason: reason, at: time)
      let rollbackFrom = previous.flatMap { $0.version > version ? $0.version : nil }
      try issueManifest(for: version, rollbackFrom: rollbackFrom, at: time, signer: signer)
    case (.candidate, .rejected):
      setEdgeState(index, .rejected, reason: reason, at: time)
    case (.canary, .rejected), (.canary, .rolledBack):
      setEdgeState(index, state, reason: reason, at: time)
      if let current = currentEdge {
        try issueManifest(for: current.version, rollbackFrom: version, at: time, signer: signer)
      }
    default:
      throw RegistryError.invalidTransition(version: version, from: from, to: state)
    }
  }

  /// Marks the current edge model rolled back and brings back the newest retired one; returns (from, to).
  @discardableResult
  public mutating func rollbackEdge(reason: String, at time: WireTimestamp, signer: ManifestSigner) throws
    -> (
      from: Int, to: Int
    )
  {
    guard let current = currentEdge, let currentIndex = edgeModels.firstIndex(of: current) else {
      throw RegistryError.nothingToRollBackTo(current: nil)
    }
    guard let target = edgeModels.last(where: { $0.state == .retired }),
      let targetIndex = edgeModels.firstIndex(of: target)
    else { throw RegistryError.nothingToRollBackTo(current: current.version) }
    setEdgeState(currentIndex, .rolledBack, reason: reason, at: time)
    setEdgeState(targetIndex, .current, reason: "rollback from v\(current.version): \(reason)", at: time)
    try issueManifest(for: target.version, rollbackFrom: current.version, at: time, signer: signer)
    return (current.version, target.version)
  }

  /// Sets the fraction of devices that receive a canary version.
  public mutating func setCanaryFraction(_ fraction: Double) throws(RegistryError) {
    guard fraction > 0, fraction <= 1 else { throw .invalidCanaryFraction(fraction) }
    canaryFraction = fraction
  }

  /// Adds a cloud model; it answers `/classify` at once when `makeCurrent`.
  public mutating func registerCloud(_ card: CloudModelCard, at time: WireTimestamp, makeCurrent: Bool)
    throws(RegistryError)
  {
    let latest = cloudModels.map(\.version).max() ?? 0
    guard card.version > latest else { throw .versionNotIncreasing(card.version, latest: latest) }
    cloudModels.append(CloudModelRecord(card: card, created: time, state: .candidate))
    events.append(
      RegistryEvent(ts: time, model: .cloud, version: card.version, from: nil, to: .candidate, reason: nil))
    if makeCurrent { try promoteCloud(version: card.version, at: time) }
  }

  /// Makes a cloud model the one answering `/classify`; the previous one retires.
  public mutating func promoteCloud(version: Int, at time: WireTimestamp) throws(RegistryError) {
    guard let index = cloudModels.firstIndex(where: { $0.version == version }) else {
      throw .unknownCloudVersion(version, known: cloudModels.map(\.version))
    }
    for other in cloudModels.indices where cloudModels[other].state == .current && other != index {
      cloudModels[other].state = .retired
      events.append(
        RegistryEvent(
          ts: time, model: .cloud, version: cloudModels[other].version, from: .current, to: .retired,
          reason: "replaced by cloud-\(version)"))
    }
    let from = cloudModels[index].state
    cloudModels[index].state = .current
    events.append(
      RegistryEvent(ts: time, model: .cloud, version: version, from: from, to: .current, reason: nil))
  }

  private mutating func setEdgeState(
    _ index: Int, _ state: ModelState, reason: String?, at time: WireTimestamp
  ) {
    let from = edgeModels[index].state
    edgeModels[index].state = state
    edgeModels[index].reason = reason
    edgeModels[index].stateChanged = time
    events.append(
      RegistryEvent(
        ts: time, model: .edge, version: edgeModels[index].version, from: from, to: state, reason: reason))
  }

  private mutating func issueManifest(
    for version: Int, rollbackFrom: Int?, at time: WireTimestamp, signer: ManifestSigner
  ) throws {
    guard let model = edgeModel(version: version) else {
      throw RegistryError.unknownEdgeVersion(version, known: edgeModels.map(\.version))
    }
    let serial = (manifests.last?.serial ?? 0) + 1
    let manifest = ModelManifest(
      serial: serial, version: version, filename: ModelFiles.servedFileName, sizeBytes: model.sizeBytes,
      sha256: model.sha256, thresholds: model.thresholds, selfTest: model.selfTest,
      selfTestTolerance: model.selfTestTolerance, created: model.created, issued: time,
      rollback: rollbackFrom != nil,
      rollbackFrom: rollbackFrom, expectedEscalationRate: model.expectedEscalationRate)
    manifests.append(ManifestRecord(serial: serial, version: version, envelope: try signer.sign(manifest)))
  }
}
