import EdgeCore
import Testing

@Suite struct ModelHealthBaselineTests {
  private let baseline = ModelHealthBaseline(
    modelVersion: 0x0102_0304, decisions: 0x0A0B_0C0D_0E0F_1011, escalations: 0x0102_0304_0506)

  @Test func recordRoundTripsAndSpellsItsMagic() throws {
    let bytes = baseline.encode()
    #expect(bytes.count == ModelHealthBaseline.byteCount)
    #expect(bytes[0..<4] == [0x45, 0x48, 0x42, 0x31][...], "EHB1")
    #expect(try ModelHealthBaseline(decoding: bytes) == baseline)
  }

  @Test func cutRecordIsRefusedAtEveryLength() {
    let bytes = baseline.encode()
    for length in 0..<bytes.count {
      #expect(throws: ModelHealthBaselineError.truncated(available: length)) {
        try ModelHealthBaseline(decoding: Array(bytes[..<length]))
      }
    }
  }

  @Test func damagedRecordIsRefusedWhicheverByteIsHit() {
    let bytes = baseline.encode()
    for index in bytes.indices {
      var damaged = bytes
      damaged[index] ^= 0x10
      #expect(throws: ModelHealthBaselineError.self, "byte \(index)") {
        try ModelHealthBaseline(decoding: damaged)
      }
    }
    var magic = bytes
    magic[3] = 0
    #expect(throws: ModelHealthBaselineError.badMagic) { try ModelHealthBaseline(decoding: magic) }
    var format = bytes
    format[4] = 7
    #expect(throws: ModelHealthBaselineError.unsupportedVersion(7)) {
      try ModelHealthBaseline(decoding: format)
    }
  }

  @Test func moreEscalationsThanDecisionsWithAValidCRCIsRefused() {
    let bytes = ModelHealthBaseline(modelVersion: 3, decisions: 5, escalations: 6).encode()
    #expect(throws: ModelHealthBaselineError.moreEscalationsThanDecisions(escalations: 6, decisions: 5)) {
      try ModelHealthBaseline(decoding: bytes)
    }
  }
}
