import EdgeCore
import Logging

/// Runs OTA updates: performs what `OTAUpdateMachine` asks (server requests through `ModelSource`, slot files
/// through `ModelSlotStore`, model switches through `ModelActivator`, steps to `OTAEventSink`), and rolls back a
/// freshly applied model that `ModelHealthWatch` finds misbehaving.
///
/// The watch's baseline (how often the running model escalated on this machine) survives restarts: it is
/// saved beside the slot record every full watch window of decisions, when a watch starts (the new model's
/// baseline starts empty), after a rollback and on `saveBaseline`, and restored at boot when the booted model
/// is the one it was counted with (else it is dropped: another model's rate says nothing about this one).
///
/// Scheduling is the caller's: call `checkForUpdate` on boot and every 30 minutes, `recordDecision` per window,
/// `saveBaseline` before a planned stop.
public actor OTAUpdater<Source: ModelSource, Activator: ModelActivator, Sink: OTAEventSink> {
  private let source: Source
  private let activator: Activator
  private let sink: Sink
  private let configuration: OTAConfiguration
  private let logger: Logger
  private var store: ModelSlotStore
  private var machine: OTAUpdateMachine
  private var watch: ModelHealthWatch
  /// The baseline as last persisted, so an unchanged one is not written again.
  private var savedBaseline: ModelHealthBaseline?
  /// A misbehaviour verdict that arrived while a check was under way, carried out when it ends.
  private var deferredRollback: ModelHealthWatch.Verdict?
  private var checking = false

  /// Boots the model partition in `store` (see `SlotSelection`), switches the loop to the chosen model and
  /// publishes a `rolled_back` step for every update a restart interrupted.
  public init(
    store: ModelSlotStore, source: Source, activator: Activator, sink: Sink, verifier: ManifestVerifier,
    configuration: OTAConfiguration = OTAConfiguration(), logger: Logger = Logger(label: "edgehybrid.ota")
  ) async throws(ModelSlotStoreError) {
    var store = store
    let boot: ModelSlotBoot
    do { boot = try store.boot() } catch { throw .file(error) }
    var running = OTAUpdateMachine.Running(version: configuration.builtInVersion, slot: nil)
    if case .slot(let slot, let version) = boot.selection.choice, let payload = boot.payload {
      do {
        try await activator.activate(payload: payload, version: Int(version), thresholds: nil)
        running = OTAUpdateMachine.Running(version: Int(version), slot: slot)
      } catch {
        logger.error("slot \(slot) model \(version) did not load, running the built-in model: \(error)")
        await activator.activateBuiltIn()
      }
    } else {
      await activator.activateBuiltIn()
    }
    for (slot, refusal) in boot.refusals {
      logger.info("slot \(slot) not bootable: \(refusal)")
    }
    for slot in boot.selection.reverted {
      let version: Int
      if case .success(let contents)? = try? store.read(slot) {
        version = Int(contents.header.modelVersion)
      } else {
        version = running.version
      }
      await sink.publish(
        OTAStepEvent(
          .rolledBack, from: version, to: running.version, reason: "update not confirmed before restart"))
    }
    self.source = source
    self.activator = activator
    self.sink = sink
    self.configuration = configuration
    self.logger = logger
    self.store = store
    machine = OTAUpdateMachine(
      running: running, recordedSerial: store.state.manifestSerial, verifier: verifier,
      configuration: configuration)
    savedBaseline = Self.persistedBaseline(in: store, logger: logger)
    var restored = (decisions: 0, escalations: 0)
    if let baseline = savedBaseline {
      if UInt32(exactly: running.version) == baseline.modelVersion {
        restored = (Int(clamping: baseline.decisions), Int(clamping: baseline.escalations))
      } else {
        logger.info(
          "model health baseline was counted on another model, counting a fresh one",
          metadata: ["counted_on": "\(baseline.modelVersion)", "booted": "\(running.version)"])
      }
    }
    watch = ModelHealthWatch(policy: configuration.healthPolicy, baseline: restored)
  }

  /// The model running now.
  public var running: OTAUpdateMachine.Running { machine.running }

  /// The slot record as persisted.
  public var slotState: ModelSlotState { store.state }

  /// Where the misbehaviour watch stands.
  public var watchState: ModelHealthWatch.State { watch.state }

  /// Asks the server for a newer model and, when there is one, downloads, verifies, installs, switches to and
  /// self-tests it.
  public func checkForUpdate() async -> OTAOutcome {
    guard !checking else { return .busy }
    checking = true
    defer { checking = false }
    var outcome = OTAOutcome.busy
    var actions = machine.handle(.checkRequested)
    while !actions.isEmpty {
      let action = actions.removeFirst()
      if case .finish(let result) = action { outcome = result }
      if let event = await perform(action) { actions += machine.handle(event) }
    }
    if let verdict = deferredRollback {
      deferredRollback = nil
      await rollBack(verdict)
    }
    return outcome
  }

  /// Counts one decision of the running model; rolls it back when the watch finds it misbehaving.
  public func recordDecision(_ zone: Zone) async {
    guard let verdict = watch.record(zone) else {
      if watch.baseline.decisions % max(1, configuration.healthPolicy.decisions) == 0 { saveBaseline() }
      return
    }
    guard case .misbehaving = verdict else { return }
    if checking {
      deferredRollback = verdict
    } else {
      await rollBack(verdict)
    }
  }

  /// Persists the running model's baseline (see the type's notes); a failed write is logged and the device
  /// goes on, as the baseline only refines the misbehaviour limit.
  public func saveBaseline() {
    // A version no slot header can hold (a negative built-in version) is never booted from a slot, so it has
    // no record to keep.
    guard let version = UInt32(exactly: machine.running.version) else { return }
    let baseline = ModelHealthBaseline(
      modelVersion: version, decisions: UInt64(watch.baseline.decisions),
      escalations: UInt64(watch.baseline.escalations))
    guard baseline != savedBaseline else { return }
    do {
      try store.writeBaseline(baseline)
      savedBaseline = baseline
    } catch {
      logger.warning("model health baseline not saved, a restart would count it afresh: \(error)")
    }
  }

  /// The baseline record in `store`; nil, with a log line, when there is none or it cannot be used.
  private static func persistedBaseline(in store: ModelSlotStore, logger: Logger) -> ModelHealthBaseline? {
    do {
      switch try store.readBaseline() {
      case .success(let baseline)?: return baseline
      case .failure(let error)?:
        logger.warning("ignoring the damaged model health baseline record, counting a fresh one: \(error)")
      case nil: break
      }
    } catch {
      logger.warning("could not read the model health baseline record, counting a fresh one: \(error)")
    }
    return nil
  }

  private func perform(_ action: OTAUpdateMachine.Action) async -> OTAUpdateMachine.Event? {
    switch action {
    case .fetchVersion:
      do { return .versionFetched(try await source.fetchVersion()) } catch { return .fetchFailed(error) }
    case .fetchManifest:
      do { return .manifestFetched(try await source.fetchManifest()) } catch { return .fetchFailed(error) }
    case .download(let version, let range):
      do { return .bytesFetched(try await source.download(version: version, range: range)) } catch {
        return .fetchFailed(error)
      }
    case .install(let payload, let version, let serial):
      let slot = store.state.updateTarget(running: machine.running.slot)
      do {
        _ = try store.install(payload: payload, version: UInt32(version), into: slot, manifestSerial: serial)
        return .installed(slot)
      } catch {
        return .installFailed(error.description)
      }
    case .activate(let slot, let manifest):
      return await activateAndTest(slot: slot, manifest: manifest)
    case .confirm(let slot, let retiringOther, let manifest):
      do { try store.confirm(slot, retiringOther: retiringOther) } catch {
        logger.error("could not confirm slot \(slot); a restart will revert it: \(error)")
      }
      watch.start(version: manifest.version, expectedRate: manifest.expectedEscalationRate)
      saveBaseline()
      return nil
    case .revert(let slot, let previous):
      do { try store.revert(slot) } catch { logger.error("could not retire slot \(slot): \(error)") }
      return .runningChanged(await switchTo(previous))
    case .publish(let event):
      await sink.publish(event)
      return nil
    case .finish:
      return nil
    }
  }

  private func activateAndTest(slot: ModelSlotID, manifest: OTAManifest) async -> OTAUpdateMachine.Event {
    let contents: ModelSlotContents
    switch try? store.read(slot) {
    case .success(let read)?: contents = read
    case .failure(let error)?: return .selfTestFailed("slot \(slot) unreadable: \(error)")
    case nil: return .selfTestFailed("slot \(slot) unreadable")
    }
    do {
      try await activator.activate(
        payload: contents.payload, version: manifest.version, thresholds: manifest.thresholds)
      return .selfTestMeasured(try await activator.selfTestMSE(manifest.selfTest.map(\.input)))
    } catch {
      return .selfTestFailed("model \(manifest.version) did not load or run: \(error)")
    }
  }

  /// Retires the misbehaving running slot and switches to the other confirmed slot, else the built-in model.
  private func rollBack(_ verdict: ModelHealthWatch.Verdict) async {
    guard case .misbehaving(let version, let escalations, let decisions, let limit) = verdict,
      let slot = machine.running.slot, machine.running.version == version
    else { return }
    var previous = OTAUpdateMachine.Running(version: configuration.builtInVersion, slot: nil)
    if store.state[slot.other] == .confirmed, case .success(let contents)? = try? store.read(slot.other) {
      previous = OTAUpdateMachine.Running(version: Int(contents.header.modelVersion), slot: slot.other)
    }
    let reason =
      "escalated \(escalations) of \(decisions) windows, above the limit of \((limit * 1000).rounded() / 10) % over "
      + "\(configuration.healthPolicy.decisions)"
    guard previous.slot != nil || configuration.hasBuiltInModel else {
      logger.warning(
        "model \(version) misbehaves but there is nothing to roll back to; keeping it: \(reason)")
      return
    }
    do { try store.retire(slot) } catch { logger.error("could not retire slot \(slot): \(error)") }
    previous = await switchTo(previous)
    _ = machine.handle(.runningChanged(previous))
    saveBaseline()
    await sink.publish(OTAStepEvent(.rolledBack, from: version, to: previous.version, reason: reason))
  }

  /// Switches the loop to `model`, or to the built-in model when its slot cannot be loaded; returns the model
  /// that runs.
  private func switchTo(_ model: OTAUpdateMachine.Running) async -> OTAUpdateMachine.Running {
    watch.stop()
    if let slot = model.slot, case .success(let contents)? = try? store.read(slot) {
      do {
        try await activator.activate(payload: contents.payload, version: model.version, thresholds: nil)
        return model
      } catch {
        logger.error("slot \(slot) model \(model.version) did not load, running the built-in model: \(error)")
        await activator.activateBuiltIn()
      }
    } else {
      await activator.activateBuiltIn()
    }
    return OTAUpdateMachine.Running(version: configuration.builtInVersion, slot: nil)
  }
}
