import EdgeCore
import Testing

@Suite struct ModelSlotStateTests {
  @Test func transitionTableIsExactlyTheDocumentedOne() {
    let legal: [ModelSlotStatus: [ModelSlotEvent: ModelSlotStatus]] = [
      .empty: [.beginWrite: .empty, .markPending: .pending],
      .pending: [.confirm: .confirmed, .revert: .retired],
      .confirmed: [.beginWrite: .empty, .retire: .retired],
      .retired: [.beginWrite: .empty],
    ]
    for status in ModelSlotStatus.allCases {
      for event in ModelSlotEvent.allCases {
        #expect(
          ModelSlotState.next(from: status, on: event) == legal[status]?[event], "\(status) on \(event)")
      }
    }
  }

  @Test func updateLifeCycleMovesTheTargetSlotOnly() throws {
    var state = ModelSlotState(statusA: .confirmed)
    try state.beginWrite(.b)
    try state.markPending(.b, manifestSerial: 4)
    #expect(state[.b] == .pending && state[.a] == .confirmed && state.manifestSerial == 4)
    try state.confirm(.b, retiringOther: false)
    #expect(state[.b] == .confirmed && state[.a] == .confirmed)
  }

  @Test func confirmingASignedRollbackRetiresTheSlotRolledBackFrom() throws {
    var state = ModelSlotState(statusA: .confirmed, statusB: .confirmed, manifestSerial: 2)
    try state.beginWrite(.a)
    try state.markPending(.a, manifestSerial: 3)
    try state.confirm(.a, retiringOther: true)
    #expect(state[.a] == .confirmed && state[.b] == .retired)
  }

  @Test func failedSelfTestRetiresThePendingSlot() throws {
    var state = ModelSlotState.factory
    try state.beginWrite(.a)
    try state.markPending(.a, manifestSerial: 1)
    try state.revert(.a)
    #expect(state[.a] == .retired)
    #expect(throws: ModelSlotStateError.illegalTransition(slot: .a, from: .retired, event: .confirm)) {
      try state.confirm(.a, retiringOther: false)
    }
  }

  @Test func writingIsRefusedWhileASlotIsPending() throws {
    var state = ModelSlotState.factory
    try state.markPending(.b, manifestSerial: 1)
    #expect(throws: ModelSlotStateError.illegalTransition(slot: .b, from: .pending, event: .beginWrite)) {
      try state.beginWrite(.b)
    }
  }

  @Test func manifestSerialMustGrow() throws {
    var state = ModelSlotState(manifestSerial: 5)
    #expect(throws: ModelSlotStateError.staleManifestSerial(serial: 5, recorded: 5)) {
      try state.markPending(.a, manifestSerial: 5)
    }
    #expect(state[.a] == .empty)
    try state.markPending(.a, manifestSerial: 6)
    #expect(state.manifestSerial == 6)
  }

  @Test func updateTargetIsTheSlotNotRunning() {
    let both = ModelSlotState(statusA: .confirmed, statusB: .confirmed)
    #expect(both.updateTarget(running: .a) == .b)
    #expect(both.updateTarget(running: .b) == .a)
    #expect(both.updateTarget(running: nil) == .a)
    #expect(ModelSlotState(statusA: .confirmed, statusB: .retired).updateTarget(running: nil) == .b)
    #expect(ModelSlotState.factory.updateTarget(running: nil) == .a)
  }

  @Test func recordRoundTripsEveryStatusPairAndSerial() throws {
    for a in ModelSlotStatus.allCases {
      for b in ModelSlotStatus.allCases {
        let state = ModelSlotState(statusA: a, statusB: b, manifestSerial: 0x0102_0304_0506_0708)
        let bytes = state.encode()
        #expect(bytes.count == ModelSlotState.byteCount)
        #expect(try ModelSlotState(decoding: bytes) == state)
      }
    }
  }

  @Test func damagedOrCutRecordIsRefused() {
    let bytes = ModelSlotState(statusA: .confirmed, statusB: .pending, manifestSerial: 9).encode()
    for length in 0..<bytes.count {
      #expect(throws: ModelSlotStateError.truncated(available: length)) {
        try ModelSlotState(decoding: Array(bytes[..<length]))
      }
    }
    for index in bytes.indices {
      var damaged = bytes
      damaged[index] ^= 0x10
      #expect(throws: ModelSlotStateError.self, "byte \(index)") { try ModelSlotState(decoding: damaged) }
    }
    var magic = bytes
    magic[3] = 0
    #expect(throws: ModelSlotStateError.badMagic) { try ModelSlotState(decoding: magic) }
    var version = bytes
    version[4] = 7
    #expect(throws: ModelSlotStateError.unsupportedVersion(7)) { try ModelSlotState(decoding: version) }
  }

  @Test func unknownStatusByteWithAValidCRCIsRefused() {
    var bytes = ModelSlotState.factory.encode()
    bytes[6] = 9
    let crc = CRC32.checksum(Array(bytes[0..<16]))
    for i in 0..<4 { bytes[16 + i] = UInt8(truncatingIfNeeded: crc >> UInt32(8 * i)) }
    #expect(throws: ModelSlotStateError.unknownStatus(9)) { try ModelSlotState(decoding: bytes) }
  }
}
