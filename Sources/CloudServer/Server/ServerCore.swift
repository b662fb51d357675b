import Crypto
import Foundation
import Logging
import Synchronization
import Wire

/// Everything the routes share: configuration, stores, registry, metrics and the serving snapshot.
final class ServerCore: Sendable {
  let configuration: ServerConfiguration
  let escalations: any EscalationStore
  let devices: any DeviceStore
  let registry: ModelRegistry
  let metrics: ServerMetrics
  let fleet: FleetState
  let logger: Logger
  let started = ContinuousClock.now
  private let adminTokenDigest: SHA256Digest
  private let state: Mutex<ServingState>

  init(
    configuration: ServerConfiguration, escalations: any EscalationStore, devices: any DeviceStore,
    registry: ModelRegistry, metrics: ServerMetrics, adminToken: String, logger: Logger
  ) {
    self.configuration = configuration
    self.escalations = escalations
    self.devices = devices
    self.registry = registry
    self.metrics = metrics
    self.logger = logger
    fleet = FleetState(
      configuration: configuration.fleet, metrics: FleetMetrics(registry: metrics.registry), logger: logger)
    adminTokenDigest = SHA256.hash(data: Data(adminToken.utf8))
    state = Mutex(
      ServingState(
        generation: -1, registry: RegistrySnapshot(), current: nil, canary: nil, classifier: nil,
        authenticator: Authenticator(
          devices: DeviceDirectory(devices: []), adminTokenDigest: adminTokenDigest,
          allowAnonymous: configuration.allowAnonymousDevices),
        cohort: CanaryCohort(fraction: 0, knownDevices: [])))
  }

  /// The snapshot requests are answered from.
  var serving: ServingState { state.withLock { $0 } }

  /// Re-reads devices and models when another process (or an admin route) changed them.
  func reload(force: Bool = false) async throws {
    let generation = try await registry.store.generation()
    let old = serving
    guard force || generation != old.generation else { return }
    let snapshot = try await registry.snapshot()
    let registered = try await devices.devices()
    let directory = DeviceDirectory(devices: registered)
    let seen = try await escalations.deviceIDs() + (await fleet.deviceIDs())
    let current = try served(snapshot.currentEdge, in: snapshot, reusing: [old.current, old.canary])
    let canary = try served(snapshot.canaryEdge, in: snapshot, reusing: [old.current, old.canary])
    let classifier = loadClassifier(snapshot.currentCloud, reusing: old.classifier)
    let next = ServingState(
      generation: generation, registry: snapshot, current: current, canary: canary, classifier: classifier,
      authenticator: Authenticator(
        devices: directory, adminTokenDigest: adminTokenDigest,
        allowAnonymous: configuration.allowAnonymousDevices),
      cohort: CanaryCohort(
        fraction: snapshot.canaryFraction,
        knownDevices: Set(registered.filter(\.isActive).map(\.deviceID) + seen)))
    let installed = state.withLock { state -> Bool in
      guard next.generation >= state.generation else { return false }
      state = next
      return true
    }
    guard installed else { return }
    metrics.setModelVersions(
      edge: current?.record.version, canary: canary?.record.version, cloud: classifier?.card.version)
    if old.current?.record.version != current?.record.version || old.classifier?.card != classifier?.card {
      logger.info(
        "serving models",
        metadata: [
          "edge": "\(current.map { "v\($0.record.version)" } ?? "none")",
          "canary": "\(canary.map { "v\($0.record.version)" } ?? "none")",
          "cloud": "\(classifier?.card.modelID ?? "none")",
        ])
    }
  }

  private func served(
    _ record: EdgeModelRecord?, in snapshot: RegistrySnapshot, reusing old: [ServedEdgeModel?]
  )
    throws -> ServedEdgeModel?
  {
    guard let record else { return nil }
    let manifest = snapshot.latestManifest(version: record.version)
    if let reusable = old.compactMap({ $0 }).first(where: {
      $0.record == record && $0.manifestSerial == manifest?.serial
    }) {
      return reusable
    }
    return try ServedEdgeModel(record: record, bytes: registry.edgeModelBytes(record), manifest: manifest)
  }

  private func loadClassifier(_ record: CloudModelRecord?, reusing old: CloudClassifier?) -> CloudClassifier?
  {
    guard let record else { return nil }
    if let old, old.card == record.card { return old }
    let weights = registry.files.cloudModelURL(fileName: record.card.modelFile)
    do {
      return CloudClassifier(scorer: try configuration.scorerLoader(record.card, weights), card: record.card)
    } catch {
      logger.error("cannot load cloud model \(record.card.modelID) from \(weights.path): \(error)")
      return old
    }
  }
}
