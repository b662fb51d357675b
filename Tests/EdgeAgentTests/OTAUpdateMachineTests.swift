import EdgeCore
import Testing

@testable import EdgeAgent

@Suite struct OTAUpdateMachineTests {
  let signer = ManifestSigner()
  let payload = FakeModel.payload(gain: 5, size: 300)

  private func machine(running: Int = 2, slot: ModelSlotID? = .a, serial: UInt64 = 4) -> OTAUpdateMachine {
    OTAUpdateMachine(
      running: .init(version: running, slot: slot), recordedSerial: serial, verifier: signer.verifier,
      configuration: OTAConfiguration(maximumModelBytes: 1_000, maximumDownloadFailures: 2))
  }

  private func envelope(serial: Int = 5, version: Int = 3, rollback: Bool = false) throws
    -> SignedManifestEnvelope
  {
    try signer.sign(signer.document(serial: serial, version: version, payload: payload, rollback: rollback))
  }

  /// A machine that accepted a manifest and is about to download.
  private func downloading(_ machine: inout OTAUpdateMachine, serial: Int = 5) throws {
    _ = machine.handle(.checkRequested)
    _ = machine.handle(.versionFetched(3))
    _ = machine.handle(.manifestFetched(try envelope(serial: serial)))
  }

  private func rejection(_ actions: [OTAUpdateMachine.Action]) -> OTARejection? {
    guard case .finish(.rejected(let rejection))? = actions.last else { return nil }
    return rejection
  }

  @Test func checkAsksTheVersionAndStopsWhenItIsTheRunningOne() {
    var machine = machine()
    #expect(machine.handle(.checkRequested) == [.fetchVersion])
    #expect(machine.state == .checking)
    #expect(
      machine.handle(.versionFetched(2)) == [
        .publish(OTAStepEvent(.check, from: 2, to: 2)), .finish(.upToDate(version: 2)),
      ])
    #expect(machine.state == .idle)
  }

  @Test func otherServerVersionFetchesTheManifest() {
    var machine = machine()
    _ = machine.handle(.checkRequested)
    #expect(
      machine.handle(.versionFetched(3)) == [.publish(OTAStepEvent(.check, from: 2, to: 3)), .fetchManifest])
    #expect(machine.state == .fetchingManifest(serverVersion: 3))
  }

  @Test func unreachableServerEndsTheCheck() {
    var machine = machine()
    _ = machine.handle(.checkRequested)
    #expect(
      machine.handle(.fetchFailed(.unreachable("down"))) == [.finish(.unreachable(.unreachable("down")))])
    _ = machine.handle(.checkRequested)
    _ = machine.handle(.versionFetched(3))
    #expect(machine.handle(.fetchFailed(.status(500, "x"))) == [.finish(.unreachable(.status(500, "x")))])
    #expect(machine.state == .idle)
  }

  @Test func acceptedManifestStartsTheDownloadFromByteZero() throws {
    var machine = machine()
    _ = machine.handle(.checkRequested)
    _ = machine.handle(.versionFetched(3))
    #expect(machine.handle(.manifestFetched(try envelope())) == [.download(version: 3, range: 0..<300)])
  }

  @Test func manifestRulesRefuseReplaysDowngradesFakeRollbacksAndHugeModels() throws {
    let cases: [(SignedManifestEnvelope, OTARejection)] = [
      (try envelope(serial: 4), .replayedManifest(serial: 4, recorded: 4)),
      (try envelope(version: 1), .notNewer(version: 1, running: 2)),
      (try envelope(version: 5, rollback: true), .rollbackNotOlder(version: 5, running: 2)),
    ]
    for (envelope, expected) in cases {
      var machine = machine()
      _ = machine.handle(.checkRequested)
      _ = machine.handle(.versionFetched(9))
      let actions = machine.handle(.manifestFetched(envelope))
      #expect(rejection(actions) == expected)
      #expect(machine.state == .idle)
      guard case .publish(let event)? = actions.first else {
        Issue.record("a rejection is published first")
        continue
      }
      #expect(event.step == .rejected && event.reason == expected.description)
    }
    var small = OTAUpdateMachine(
      running: .init(version: 2, slot: nil), recordedSerial: 0, verifier: signer.verifier,
      configuration: OTAConfiguration(maximumModelBytes: 100))
    _ = small.handle(.checkRequested)
    _ = small.handle(.versionFetched(3))
    #expect(
      rejection(small.handle(.manifestFetched(try envelope()))) == .tooLarge(sizeBytes: 300, limit: 100))
  }

  @Test func manifestForTheRunningVersionIsNoUpdate() throws {
    var machine = machine()
    _ = machine.handle(.checkRequested)
    _ = machine.handle(.versionFetched(7))
    #expect(machine.handle(.manifestFetched(try envelope(version: 2))) == [.finish(.upToDate(version: 2))])
  }

  @Test func signedRollbackToAnOlderVersionIsAccepted() throws {
    var machine = machine()
    _ = machine.handle(.checkRequested)
    _ = machine.handle(.versionFetched(1))
    #expect(
      machine.handle(.manifestFetched(try envelope(version: 1, rollback: true))) == [
        .download(version: 1, range: 0..<300)
      ])
  }

  @Test func downloadAsksForTheRestUntilCompleteThenVerifiesAndInstalls() throws {
    var machine = machine()
    try downloading(&machine)
    #expect(
      machine.handle(.bytesFetched(Array(payload[0..<120]))) == [.download(version: 3, range: 120..<300)])
    let actions = machine.handle(.bytesFetched(Array(payload[120...])))
    #expect(
      actions == [
        .publish(OTAStepEvent(.download, from: 2, to: 3)), .publish(OTAStepEvent(.verified, from: 2, to: 3)),
        .install(payload: payload, version: 3, manifestSerial: 5),
      ])
    guard case .installing = machine.state else {
      Issue.record("expected installing, got \(machine.state)")
      return
    }
  }

  @Test func tooManyOrWrongBytesAreRejected() throws {
    var machine = machine()
    try downloading(&machine)
    #expect(
      rejection(machine.handle(.bytesFetched(payload + [0]))) == .sizeMismatch(expected: 300, received: 301))
    try downloading(&machine)
    var wrong = payload
    wrong[7] ^= 1
    #expect(rejection(machine.handle(.bytesFetched(wrong))) == .digestMismatch)
  }

  @Test func failedRequestsRetryFromTheBytesReceivedThenGiveUpKeepingThem() throws {
    var machine = machine()
    try downloading(&machine)
    _ = machine.handle(.bytesFetched(Array(payload[0..<50])))
    #expect(machine.handle(.fetchFailed(.unreachable("cut"))) == [.download(version: 3, range: 50..<300)])
    #expect(rejection(machine.handle(.bytesFetched([]))) == .downloadFailed("server sent no bytes"))
    #expect(machine.state == .idle)
    #expect(machine.keptDownload?.bytes == Array(payload[0..<50]))
    try downloading(&machine)
    #expect(
      machine.state
        == .downloading(try signer.verifier.verify(envelope()), received: Array(payload[0..<50]), failures: 0)
    )
  }

  @Test func installedSlotIsActivatedAndAPassingSelfTestConfirmsIt() throws {
    var machine = machine()
    try downloading(&machine)
    _ = machine.handle(.bytesFetched(payload))
    let manifest = try signer.verifier.verify(envelope())
    #expect(machine.handle(.installed(.b)) == [.activate(slot: .b, manifest: manifest)])
    #expect(machine.recordedSerial == 5)
    let measured = FakeModel.selfTestWindows.map { FakeModel.mse(payload, $0) }
    #expect(
      machine.handle(.selfTestMeasured(measured)) == [
        .confirm(slot: .b, retiringOther: false, manifest: manifest),
        .publish(OTAStepEvent(.applied, from: 2, to: 3)), .finish(.applied(version: 3)),
      ])
    #expect(machine.running == .init(version: 3, slot: .b))
  }

  @Test func failingSelfTestRevertsToTheRunningModel() throws {
    var machine = machine()
    try downloading(&machine)
    _ = machine.handle(.bytesFetched(payload))
    _ = machine.handle(.installed(.b))
    let actions = machine.handle(.selfTestMeasured([0, 0]))
    #expect(actions.first == .revert(slot: .b, previous: .init(version: 2, slot: .a)))
    guard case .finish(.reverted(2, let reason))? = actions.last else {
      Issue.record("expected a revert, got \(actions)")
      return
    }
    #expect(reason.hasPrefix("self-test case 0"))
    #expect(machine.running == .init(version: 2, slot: .a))
    try downloading(&machine, serial: 6)
    _ = machine.handle(.bytesFetched(payload))
    _ = machine.handle(.installed(.b))
    #expect(
      machine.handle(.selfTestMeasured([1])).first == .revert(slot: .b, previous: .init(version: 2, slot: .a))
    )
  }

  @Test func installFailureIsARejection() throws {
    var machine = machine()
    try downloading(&machine)
    _ = machine.handle(.bytesFetched(payload))
    #expect(rejection(machine.handle(.installFailed("disk full"))) == .installFailed("disk full"))
  }

  @Test func eventsThatDoNotFitTheStateAreIgnored() throws {
    var machine = machine()
    #expect(machine.handle(.versionFetched(3)) == [])
    #expect(machine.handle(.bytesFetched([1])) == [])
    #expect(machine.handle(.installed(.a)) == [])
    #expect(machine.handle(.selfTestMeasured([])) == [])
    #expect(machine.state == .idle)
    _ = machine.handle(.checkRequested)
    #expect(machine.handle(.checkRequested) == [])
    #expect(machine.handle(.runningChanged(.init(version: 9, slot: nil))) == [])
    #expect(machine.state == .checking && machine.running.version == 2)
  }
}
