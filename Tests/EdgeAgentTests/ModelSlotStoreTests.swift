import EdgeCore
import Testing

@testable import EdgeAgent

@Suite struct ModelSlotStoreTests {
  private let modelA = FakeModel.payload(gain: 2, size: 400)
  private let modelB = FakeModel.payload(gain: 3, size: 300)

  /// A store with model 2 confirmed in slot A and model 3 confirmed in slot B.
  private func twoConfirmedSlots(_ directory: TemporaryDirectory) throws -> ModelSlotStore {
    var store = try ModelSlotStore(directory: directory.path)
    _ = try store.install(payload: modelA, version: 2, into: .a, manifestSerial: 1)
    try store.confirm(.a, retiringOther: false)
    _ = try store.install(payload: modelB, version: 3, into: .b, manifestSerial: 2)
    try store.confirm(.b, retiringOther: false)
    return store
  }

  @Test func emptyPartitionBootsTheBuiltInModelAndWritesAFreshRecord() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var store = try ModelSlotStore(directory: directory.path + "/nested/models")
    let boot = try store.boot()
    #expect(boot.selection.choice == .builtIn && boot.payload == nil)
    #expect(boot.refusals == [.a: .missing, .b: .missing])
    #expect(try ModelSlotState(decoding: directory.bytes("nested/models/slot-state.bin")) == .factory)
  }

  @Test func installWritesAValidImageAndMarksItPending() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var store = try ModelSlotStore(directory: directory.path)
    let header = try store.install(payload: modelA, version: 2, into: .a, manifestSerial: 1)
    #expect(header.modelVersion == 2 && header.payloadSize == 400)
    #expect(store.state == ModelSlotState(statusA: .pending, statusB: .empty, manifestSerial: 1))
    #expect(try ModelSlotState(decoding: directory.bytes("slot-state.bin")) == store.state)
    #expect(try store.read(.a) == .success(ModelSlotContents(header: header, payload: modelA)))
  }

  @Test func highestConfirmedSlotBootsWithItsPayloadAfterReopening() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try twoConfirmedSlots(directory)
    var reopened = try ModelSlotStore(directory: directory.path)
    let boot = try reopened.boot()
    #expect(boot.selection.choice == .slot(.b, version: 3))
    #expect(boot.payload == modelB)
  }

  @Test func slotCutOffAtAnyLengthBootsTheOtherSlot() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try twoConfirmedSlots(directory)
    let full = try directory.bytes("slot-b.bin")
    for length in stride(from: 0, to: full.count, by: 7) {
      try directory.write("slot-b.bin", Array(full[..<length]))
      try directory.write("slot-state.bin", ModelSlotState(statusA: .confirmed, statusB: .confirmed).encode())
      var store = try ModelSlotStore(directory: directory.path)
      let boot = try store.boot()
      #expect(boot.selection.choice == .slot(.a, version: 2), "slot B cut at \(length)")
      #expect(boot.payload == modelA)
      #expect(store.state[.b] == .empty)
      guard case .invalid? = boot.refusals[.b] else {
        Issue.record(
          "slot B cut at \(length) should be refused as invalid, got \(String(describing: boot.refusals[.b]))"
        )
        continue
      }
    }
  }

  @Test func bothSlotsCutOffBootTheBuiltInModel() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try twoConfirmedSlots(directory)
    for (slot, cut) in [("slot-a.bin", 100), ("slot-b.bin", 30)] {
      try directory.write(slot, Array(try directory.bytes(slot)[..<cut]))
    }
    var store = try ModelSlotStore(directory: directory.path)
    #expect(try store.boot().selection.choice == .builtIn)
  }

  @Test func corruptedByteAnywhereIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try twoConfirmedSlots(directory)
    let full = try directory.bytes("slot-b.bin")
    for index in stride(from: 0, to: full.count, by: 11) {
      var damaged = full
      damaged[index] ^= 0x04
      try directory.write("slot-b.bin", damaged)
      let store = try ModelSlotStore(directory: directory.path)
      guard case .failure(.invalid) = try store.read(.b) else {
        Issue.record("byte \(index) flipped was accepted")
        continue
      }
    }
  }

  @Test func damagedRecordFallsBackToTheHighestValidSlot() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try twoConfirmedSlots(directory)
    var record = try directory.bytes("slot-state.bin")
    record[7] ^= 0xFF
    try directory.write("slot-state.bin", record)
    var store = try ModelSlotStore(directory: directory.path)
    #expect(try store.boot().selection.choice == .slot(.b, version: 3))
    #expect(store.state == ModelSlotState(statusA: .confirmed, statusB: .confirmed))
  }

  @Test func writeCutBeforeItsRecordSaidPendingNeverBoots() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = try twoConfirmedSlots(directory)
    var record = store.state
    try record.beginWrite(.a)
    try directory.write("slot-state.bin", record.encode())
    try directory.write("slot-a.bin", ModelSlotImage.encode(modelVersion: 9, payload: modelB))
    var reopened = try ModelSlotStore(directory: directory.path)
    #expect(try reopened.boot().selection.choice == .slot(.b, version: 3))
  }

  @Test func lifeCycleStepsAreRefusedOutOfOrder() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var store = try ModelSlotStore(directory: directory.path)
    #expect(throws: ModelSlotStoreError.state(.illegalTransition(slot: .a, from: .empty, event: .confirm))) {
      try store.confirm(.a, retiringOther: false)
    }
    _ = try store.install(payload: modelA, version: 2, into: .a, manifestSerial: 1)
    #expect(throws: ModelSlotStoreError.state(.staleManifestSerial(serial: 1, recorded: 1))) {
      _ = try store.install(payload: modelB, version: 3, into: .b, manifestSerial: 1)
    }
    #expect(store.state[.b] == .empty)
    try store.revert(.a)
    #expect(try ModelSlotState(decoding: directory.bytes("slot-state.bin"))[.a] == .retired)
  }
}
