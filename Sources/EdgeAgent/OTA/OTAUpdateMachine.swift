import EdgeCore

/// The OTA update as an explicit state machine: events in (answers, failures, results), actions out (what the
/// driver must do next). No I/O, no clock; `OTAUpdater` performs the actions.
///
/// | state | event | next state, actions |
/// |---|---|---|
/// | idle | checkRequested | checking; fetchVersion |
/// | checking | versionFetched(running) | idle; publish check, finish upToDate |
/// | checking | versionFetched(other) | fetchingManifest; publish check, fetchManifest |
/// | fetchingManifest | manifestFetched, refused | idle; publish rejected, finish rejected |
/// | fetchingManifest | manifestFetched, accepted | downloading (resuming kept bytes of the same digest); download |
/// | downloading | bytesFetched, incomplete | downloading; download the rest |
/// | downloading | bytesFetched, complete and matching | installing; publish download, verified, install |
/// | downloading | bytesFetched, too many or wrong digest | idle; publish rejected, finish rejected |
/// | downloading | fetchFailed, under the limit | downloading; download the rest again |
/// | downloading | fetchFailed, at the limit | idle (bytes kept); publish rejected, finish rejected |
/// | installing | installed(slot) | selfTesting; activate |
/// | installing | installFailed | idle; publish rejected, finish rejected |
/// | selfTesting | selfTestMeasured, all pass | idle, running = new; confirm, publish applied/rolled_back, finish |
/// | selfTesting | selfTestMeasured fails, selfTestFailed | idle; revert, publish rolled_back, finish reverted |
/// | checking, fetchingManifest | fetchFailed | idle; finish unreachable |
/// | idle | runningChanged | idle, running = given |
///
/// Any other pair leaves the state as it is and asks for nothing.
public struct OTAUpdateMachine: Sendable {
  /// The model the device runs.
  public struct Running: Equatable, Sendable {
    /// Its version.
    public var version: Int
    /// Its slot; nil for the built-in model.
    public var slot: ModelSlotID?

    /// A running model.
    public init(version: Int, slot: ModelSlotID?) {
      self.version = version
      self.slot = slot
    }
  }

  /// Where an update stands.
  public enum State: Equatable, Sendable {
    /// No update under way.
    case idle
    /// Asked the server's version.
    case checking
    /// Asked the signed manifest; the server said `serverVersion`.
    case fetchingManifest(serverVersion: Int)
    /// Fetching the bytes of an accepted manifest; `failures` failed requests in a row.
    case downloading(OTAManifest, received: [UInt8], failures: Int)
    /// Writing the verified model into the inactive slot.
    case installing(OTAManifest)
    /// Running the self-test on the switched-to model in `slot`.
    case selfTesting(OTAManifest, slot: ModelSlotID)
  }

  /// What happened.
  public enum Event: Sendable {
    /// Time to check (boot, or the periodic timer).
    case checkRequested
    /// The server's current version.
    case versionFetched(Int)
    /// The signed manifest.
    case manifestFetched(SignedManifestEnvelope)
    /// Bytes of the model, continuing where the last ones ended.
    case bytesFetched([UInt8])
    /// A request to the server failed.
    case fetchFailed(ModelSourceError)
    /// The model was written to `slot`, read back and marked pending.
    case installed(ModelSlotID)
    /// The model could not be written.
    case installFailed(String)
    /// The switched-to model's MSE on each self-test window.
    case selfTestMeasured([Float])
    /// The switched-to model could not be loaded or run.
    case selfTestFailed(String)
    /// The running model changed outside an update (a rollback of a misbehaving model).
    case runningChanged(Running)
  }

  /// What the driver must do.
  public enum Action: Equatable, Sendable {
    /// `GET /model/version`.
    case fetchVersion
    /// `GET /model/manifest`.
    case fetchManifest
    /// Download `range` of model `version`.
    case download(version: Int, range: Range<Int>)
    /// Write `payload` as model `version` into the inactive slot and mark it pending with `manifestSerial`.
    case install(payload: [UInt8], version: Int, manifestSerial: UInt64)
    /// Switch the loop to the model in `slot` with the manifest's thresholds and measure the self-test.
    case activate(slot: ModelSlotID, manifest: OTAManifest)
    /// Confirm `slot`; `retiringOther` for a signed rollback; then watch the model's escalation rate.
    case confirm(slot: ModelSlotID, retiringOther: Bool, manifest: OTAManifest)
    /// Retire the pending `slot` and switch the loop back to `previous`.
    case revert(slot: ModelSlotID, previous: Running)
    /// Publish a step on the `ota` topic.
    case publish(OTAStepEvent)
    /// The check is over.
    case finish(OTAOutcome)
  }

  /// The current state.
  public private(set) var state: State = .idle
  /// The model running now (during a self-test: the one to go back to).
  public private(set) var running: Running
  /// The newest manifest serial acted on (persisted in the slot record).
  public private(set) var recordedSerial: UInt64
  /// Bytes of a download that ran out of attempts, kept to resume the same model on the next check.
  public private(set) var keptDownload: (sha256: SHA256Hash, bytes: [UInt8])?
  private let verifier: ManifestVerifier
  private let configuration: OTAConfiguration

  /// An idle machine for a device running `running` that acted on manifests up to `recordedSerial`.
  public init(
    running: Running, recordedSerial: UInt64, verifier: ManifestVerifier, configuration: OTAConfiguration
  ) {
    self.running = running
    self.recordedSerial = recordedSerial
    self.verifier = verifier
    self.configuration = configuration
  }

  /// Moves the machine on `event` and returns what to do, in order.
  public mutating func handle(_ event: Event) -> [Action] {
    switch (state, event) {
    case (.idle, .checkRequested):
      state = .checking
      return [.fetchVersion]
    case (.idle, .runningChanged(let model)):
      running = model
      return []
    case (.checking, .versionFetched(let version)):
      let check = Action.publish(OTAStepEvent(.check, from: running.version, to: version))
      guard version != running.version else {
        state = .idle
        return [check, .finish(.upToDate(version: version))]
      }
      state = .fetchingManifest(serverVersion: version)
      return [check, .fetchManifest]
    case (.checking, .fetchFailed(let error)), (.fetchingManifest, .fetchFailed(let error)):
      state = .idle
      return [.finish(.unreachable(error))]
    case (.fetchingManifest(let serverVersion), .manifestFetched(let envelope)):
      return accept(envelope, serverVersion: serverVersion)
    case (.downloading(let manifest, let received, _), .bytesFetched(let bytes)) where !bytes.isEmpty:
      return downloaded(manifest, received + bytes)
    case (.downloading(let manifest, let received, let failures), .bytesFetched):
      return downloadFailed(manifest, received, failures: failures + 1, reason: "server sent no bytes")
    case (.downloading(let manifest, let received, let failures), .fetchFailed(let error)):
      return downloadFailed(manifest, received, failures: failures + 1, reason: error.description)
    case (.installing(let manifest), .installed(let slot)):
      recordedSerial = max(recordedSerial, manifest.serial)
      state = .selfTesting(manifest, slot: slot)
      return [.activate(slot: slot, manifest: manifest)]
    case (.installing(let manifest), .installFailed(let reason)):
      return reject(.installFailed(reason), version: manifest.version)
    case (.selfTesting(let manifest, let slot), .selfTestMeasured(let measured)):
      if let failure = OTAUpdateMachine.selfTestFailure(manifest, measured) {
        return revert(manifest, slot: slot, reason: failure)
      }
      let previous = running
      running = Running(version: manifest.version, slot: slot)
      state = .idle
      let step: OTAStepEvent =
        manifest.rollback
        ? OTAStepEvent(.rolledBack, from: previous.version, to: manifest.version, reason: "signed rollback")
        : OTAStepEvent(.applied, from: previous.version, to: manifest.version)
      return [
        .confirm(slot: slot, retiringOther: manifest.rollback, manifest: manifest), .publish(step),
        .finish(
          manifest.rollback ? .rolledBack(version: manifest.version) : .applied(version: manifest.version)),
      ]
    case (.selfTesting(let manifest, let slot), .selfTestFailed(let reason)):
      return revert(manifest, slot: slot, reason: reason)
    default:
      return []
    }
  }

  /// Verifies the envelope and applies the acceptance rules; starts (or resumes) the download.
  private mutating func accept(_ envelope: SignedManifestEnvelope, serverVersion: Int) -> [Action] {
    let manifest: OTAManifest
    do {
      manifest = try verifier.verify(envelope)
    } catch {
      return reject(error, version: serverVersion)
    }
    guard manifest.serial > recordedSerial else {
      return reject(
        .replayedManifest(serial: manifest.serial, recorded: recordedSerial), version: manifest.version)
    }
    guard manifest.version != running.version else {
      state = .idle
      return [.finish(.upToDate(version: manifest.version))]
    }
    if manifest.rollback {
      guard manifest.version < running.version else {
        return reject(
          .rollbackNotOlder(version: manifest.version, running: running.version), version: manifest.version)
      }
    } else {
      guard manifest.version > running.version else {
        return reject(
          .notNewer(version: manifest.version, running: running.version), version: manifest.version)
      }
    }
    guard manifest.sizeBytes <= configuration.maximumModelBytes else {
      return reject(
        .tooLarge(sizeBytes: manifest.sizeBytes, limit: configuration.maximumModelBytes),
        version: manifest.version)
    }
    let resumed = keptDownload.flatMap { $0.sha256 == manifest.sha256 ? $0.bytes : nil } ?? []
    keptDownload = nil
    return downloaded(manifest, resumed)
  }

  /// Continues a download holding `received`: ask for the rest, or verify and install a complete one.
  private mutating func downloaded(_ manifest: OTAManifest, _ received: [UInt8]) -> [Action] {
    guard received.count >= manifest.sizeBytes else {
      state = .downloading(manifest, received: received, failures: 0)
      return [.download(version: manifest.version, range: received.count..<manifest.sizeBytes)]
    }
    guard received.count == manifest.sizeBytes else {
      return reject(
        .sizeMismatch(expected: manifest.sizeBytes, received: received.count), version: manifest.version)
    }
    guard SHA256Hasher.hash(received) == manifest.sha256 else {
      return reject(.digestMismatch, version: manifest.version)
    }
    state = .installing(manifest)
    return [
      .publish(OTAStepEvent(.download, from: running.version, to: manifest.version)),
      .publish(OTAStepEvent(.verified, from: running.version, to: manifest.version)),
      .install(payload: received, version: manifest.version, manifestSerial: manifest.serial),
    ]
  }

  private mutating func downloadFailed(
    _ manifest: OTAManifest, _ received: [UInt8], failures: Int, reason: String
  ) -> [Action] {
    guard failures >= configuration.maximumDownloadFailures else {
      state = .downloading(manifest, received: received, failures: failures)
      return [.download(version: manifest.version, range: received.count..<manifest.sizeBytes)]
    }
    let actions = reject(.downloadFailed(reason), version: manifest.version)
    keptDownload = (manifest.sha256, received)
    return actions
  }

  private mutating func reject(_ rejection: OTARejection, version: Int) -> [Action] {
    state = .idle
    keptDownload = nil
    return [
      .publish(OTAStepEvent(.rejected, from: running.version, to: version, reason: rejection.description)),
      .finish(.rejected(rejection)),
    ]
  }

  private mutating func revert(_ manifest: OTAManifest, slot: ModelSlotID, reason: String) -> [Action] {
    state = .idle
    return [
      .revert(slot: slot, previous: running),
      .publish(OTAStepEvent(.rolledBack, from: manifest.version, to: running.version, reason: reason)),
      .finish(.reverted(version: running.version, reason: reason)),
    ]
  }

  /// Why `measured` fails the manifest's self-test, or nil when every case passes.
  static func selfTestFailure(_ manifest: OTAManifest, _ measured: [Float]) -> String? {
    guard measured.count == manifest.selfTest.count else {
      return "self-test measured \(measured.count) windows of \(manifest.selfTest.count)"
    }
    for (index, (test, value)) in zip(manifest.selfTest, measured).enumerated()
    where !test.passes(measured: value, tolerance: manifest.selfTestTolerance) {
      return
        "self-test case \(index): MSE \(value), expected \(test.expectedMSE) ± \(manifest.selfTestTolerance * 100) %"
    }
    return nil
  }
}
