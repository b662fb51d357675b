import EdgeCore
import Foundation
import Logging
import Wire

/// The device: the lesson's tiered loop on a sensor source. Each window goes through the edge model; a
/// decisive one is acted on at once, an ambiguous one is asked of the cloud concurrently while reading goes
/// on (bounded in flight); a cloud failure means the closer threshold, backoff and the persisted queue,
/// drained when the cloud answers again. OTA checks run on boot and on a schedule; a new model is picked up
/// between two windows.
public final class DeviceRuntime: Sendable {
  /// The OTA updater of a device talking HTTP to the server.
  public typealias Updater = OTAUpdater<HTTPModelSource, LiveModelActivator, DeviceTelemetry>

  /// File in the data directory that pins the server's manifest key (32 raw bytes).
  public static let pinnedKeyFileName = "server-key.bin"

  /// How it runs.
  public let configuration: DeviceConfiguration
  /// The model the loop runs (replaced by OTA).
  public let live: LiveModel<ModelImage?>
  /// The updater; nil without a server or without a pinned key.
  public let updater: Updater?
  /// Its telemetry voice.
  public let telemetry: DeviceTelemetry
  let clock: any DeviceClock
  let cloud: CloudClient?
  let core: DeviceCore
  let logger: Logger
  let onDecision: @Sendable (WindowOutcome) -> Void

  /// Opens the data directory (escalation queue, model slots, pinned key), boots the best model (slots, else
  /// `builtIn`), and gets ready to run. `connection` nil runs the device edge-only. `pinnedKey` is the server's
  /// raw Ed25519 key when provisioned; else the key pinned earlier, else the one the server gives now (trust on
  /// first use). `onDecision` is told every final decision (the lesson's LED).
  public static func start(
    configuration: DeviceConfiguration, connection: CloudConnection?, telemetry: DeviceTelemetry,
    clock: any DeviceClock, builtIn: ModelImage?, pinnedKey: [UInt8]? = nil,
    logger: Logger = Logger(label: "edgehybrid.device"),
    onDecision: @escaping @Sendable (WindowOutcome) -> Void = { _ in }
  ) async throws(DeviceStartError) -> DeviceRuntime {
    var logger = logger
    logger[metadataKey: "device"] = "\(configuration.deviceID)"
    var configuration = configuration
    if connection == nil { configuration.mode = .edge }
    let directory = configuration.dataDirectory
    do { try DurableFile.createDirectory(directory) } catch { throw .file(error) }
    let queue: EscalationQueue
    do {
      queue = try EscalationQueue(path: directory + "/escalations.log", capacity: configuration.queueCapacity)
    } catch { throw .queue(error) }
    if queue.recoveredTornBytes > 0 {
      logger.warning("escalation queue: cut \(queue.recoveredTornBytes) bytes of a torn last record")
    }
    let store: ModelSlotStore
    do { store = try ModelSlotStore(directory: directory + "/slots") } catch { throw .file(error) }
    let live = LiveModel<ModelImage?>(builtIn, version: builtIn?.version ?? 0)
    let activator = LiveModelActivator(live: live, builtIn: builtIn)
    var updater: Updater?
    let key = try await Self.serverKey(
      given: pinnedKey, directory: directory, connection: connection, logger: logger)
    if let connection, let key {
      var ota = configuration.ota
      ota.builtInVersion = builtIn?.version ?? ota.builtInVersion
      ota.hasBuiltInModel = builtIn != nil
      let verifier: ManifestVerifier
      do { verifier = try ManifestVerifier(rawPublicKey: key) } catch { throw .key(error) }
      do {
        updater = try await Updater(
          store: store, source: connection.models, activator: activator, sink: telemetry, verifier: verifier,
          configuration: ota, logger: logger)
      } catch { throw .slots(error) }
    } else {
      try await boot(store, activator: activator, logger: logger)
    }
    let thresholds = live.entry.model.flatMap { try? $0.load().thresholds }
    let core = DeviceCore(
      configuration: configuration, queue: queue,
      thresholds: configuration.thresholdsOverride ?? thresholds ?? Self.placeholderThresholds, logger: logger
    )
    return DeviceRuntime(
      configuration: configuration, live: live, updater: updater, telemetry: telemetry, clock: clock,
      cloud: connection?.cloud, core: core, logger: logger, onDecision: onDecision)
  }

  /// Thresholds before any model is loaded; never used to decide (windows without a model are skipped).
  private static let placeholderThresholds = try! ZoneThresholds(low: 0, high: 0)

  private init(
    configuration: DeviceConfiguration, live: LiveModel<ModelImage?>, updater: Updater?,
    telemetry: DeviceTelemetry, clock: any DeviceClock, cloud: CloudClient?, core: DeviceCore, logger: Logger,
    onDecision: @escaping @Sendable (WindowOutcome) -> Void
  ) {
    self.configuration = configuration
    self.live = live
    self.updater = updater
    self.telemetry = telemetry
    self.clock = clock
    self.cloud = cloud
    self.core = core
    self.logger = logger
    self.onDecision = onDecision
  }

  /// What the device did so far.
  public func statistics() async -> DeviceStatistics { await core.statistics }

  /// Escalations waiting in the store-and-forward queue.
  public func queueDepth() async -> Int { await core.queueDepth }

  /// The thresholds in force.
  public func thresholds() async -> ZoneThresholds { await core.thresholds }

  /// Uploads what the store-and-forward queue holds now, whatever the backoff says (before a planned stop,
  /// or when an operator knows the cloud is back); stops at the first failure.
  public func drainQueue() async {
    guard let cloud else { return }
    await core.drain(through: cloud, clock: clock)
  }

  /// Reads and decides windows from `source` until it ends or the task is cancelled; waits for escalations
  /// in flight, saves the model health baseline, publishes an `offline` status, and returns the statistics.
  /// The boot OTA check runs first when there is no model yet, else beside the first windows.
  public func run<Source: SensorSource>(source: inout Source) async throws(Source.Failure) -> DeviceStatistics
  {
    let started = clock.milliseconds
    // Without a model nothing can be decided, so the boot check comes first; with one it runs beside the
    // loop, so a dead server delays no window.
    let modelAtBoot = live.entry.model != nil
    if let updater, !modelAtBoot {
      let outcome = await updater.checkForUpdate()
      logger.info("boot update check: \(outcome)")
    }
    var failure: Source.Failure?
    await withTaskGroup(of: Void.self) { group in
      var loop = WindowLoop(runtime: self, layout: source.layout, started: started, checkAtOnce: modelAtBoot)
      if let cloud, await core.shouldDrain(at: clock.milliseconds) {
        group.addTask { await self.core.drain(through: cloud, clock: self.clock) }
      }
      while !Task.isCancelled {
        await loop.tick(group: &group)
        do throws(Source.Failure) {
          guard try await source.nextWindow(into: &loop.window) else { break }
        } catch {
          failure = error
          break
        }
        await loop.decide(group: &group)
      }
      await group.waitForAll()
    }
    await updater?.saveBaseline()
    await publishStatus(.offline, started: started)
    if let failure { throw failure }
    return await core.statistics
  }

  /// Posts a feature summary of the last reporting period; a summary the cloud cannot take is dropped (the
  /// next period carries on, and escalations, not summaries, are what must never be lost).
  func sendSummary(_ summary: FeatureSummary) async {
    guard let cloud else { return }
    do {
      let bytes = try await cloud.summary(
        SummaryRequest(
          deviceID: configuration.deviceID, ts: WireTimestamp(clock.date), summary: summary.values))
      await core.summarySent(bytes: bytes)
    } catch {
      logger.debug("feature summary not delivered: \(error)")
    }
  }

  /// Publishes the retained status.
  func publishStatus(_ state: DeviceState, started: UInt64) async {
    let now = clock.milliseconds
    let statistics = await core.statistics
    telemetry.status(
      state: state, modelVersion: live.entry.version, uptimeS: Double(now - started) / 1000,
      backoffS: await core.backoffSeconds(at: now), queueDepth: await core.queueDepth,
      counts: statistics.counts)
  }

  /// Asks the cloud about an ambiguous window and acts on the answer, or on the closer threshold when the
  /// cloud fails (then the window is queued).
  func escalate(_ pending: PendingEscalation, outcome: WindowOutcome, started: ContinuousClock.Instant) async
  {
    guard let cloud else { return }
    let body = CloudClient.body(of: pending.request(deviceID: configuration.deviceID))
    let sent = ContinuousClock.now
    var outcome = outcome
    do {
      let answer = try await cloud.classify(body: body)
      let roundTrip = Self.milliseconds(ContinuousClock.now - sent)
      outcome.decision = answer.classification == 1 ? .anomaly : .normal
      outcome.path = .cloud
      outcome.latencyMS = Self.milliseconds(ContinuousClock.now - started)
      let drain = await core.answered(bytes: body.count)
      await finish(outcome, confidence: answer.confidence, roundTripMS: roundTrip)
      if drain { await core.drain(through: cloud, clock: clock) }
    } catch {
      await core.failed(error, escalation: pending, bytes: body.count, at: clock.milliseconds)
      outcome.path = .fallback
      outcome.latencyMS = Self.milliseconds(ContinuousClock.now - started)
      await finish(
        outcome, confidence: Self.fallbackConfidence(outcome.mse, await core.thresholds), roundTripMS: 0)
    }
  }

  /// Counts, reports and publishes a final decision.
  func finish(_ outcome: WindowOutcome, confidence: Double, roundTripMS: Double) async {
    await core.record(outcome)
    onDecision(outcome)
    switch outcome.path {
    case .edge:
      if outcome.decision == .anomaly || outcome.index % UInt64(configuration.inferenceEvery) == 0 {
        telemetry.inference(mse: outcome.mse, decision: outcome.decision, modelVersion: outcome.modelVersion)
      }
    case .cloud, .fallback:
      telemetry.escalation(
        edgeMSE: outcome.mse, decision: outcome.decision, confidence: confidence, latencyMS: roundTripMS,
        fallback: outcome.path == .fallback)
    }
  }

  /// The device's own confidence in a closer-threshold decision: 0.5 at the midpoint, 1 at a threshold.
  static func fallbackConfidence(_ mse: Float, _ thresholds: ZoneThresholds) -> Double {
    let half = Double(thresholds.high - thresholds.low) / 2
    guard half > 0, mse.isFinite else { return 0.5 }
    let distance = abs(Double(mse) - Double(thresholds.low) - half)
    return min(1, 0.5 + distance / (2 * half))
  }

  static func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
  }

  private static func serverKey(
    given: [UInt8]?, directory: String, connection: CloudConnection?, logger: Logger
  ) async throws(DeviceStartError) -> [UInt8]? {
    let path = directory + "/" + pinnedKeyFileName
    if let given { return given }
    do {
      if let pinned = try DurableFile.contents(of: path) { return pinned }
    } catch { throw .file(error) }
    guard let connection else { return nil }
    do {
      let key = try await connection.models.fetchPublicKey()
      _ = try ManifestVerifier(rawPublicKey: key)
      try DurableFile.replace(path, with: key)
      logger.info("pinned the server's manifest key (trust on first use)", metadata: ["file": "\(path)"])
      return key
    } catch let error as FileIOError {
      throw .file(error)
    } catch {
      logger.warning("no server key pinned and the server did not give one, OTA is off this run: \(error)")
      return nil
    }
  }

  /// Boots the slots without an updater (no key to verify updates with): the best valid slot, else built in.
  private static func boot(_ store: ModelSlotStore, activator: LiveModelActivator, logger: Logger)
    async throws(DeviceStartError)
  {
    var store = store
    let boot: ModelSlotBoot
    do { boot = try store.boot() } catch { throw .file(error) }
    if case .slot(_, let version) = boot.selection.choice, let payload = boot.payload {
      do {
        try await activator.activate(payload: payload, version: Int(version), thresholds: nil)
        return
      } catch {
        logger.error("slot model \(version) did not load, running the built-in model: \(error)")
      }
    }
    await activator.activateBuiltIn()
  }
}
