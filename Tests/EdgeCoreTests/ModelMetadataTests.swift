import EdgeCore
import Testing

@Suite struct ModelMetadataTests {
  private func sample(summary: String = "trained on 4000 windows, 12 epochs") throws -> ModelMetadata {
    try ModelMetadata(
      modelVersion: 7,
      frontEnd: FrontEndSpec(
        kind: .spectral, layout: SignalLayout(samplesPerWindow: 128, axes: 2, sampleRateHz: 400)),
      standardization: .init(mode: .perAxis, means: [0.5, -1.25], stds: [0.75, 2]),
      thresholds: .init(low: 0.03, high: 0.09, mu: 0.01, sigma: 0.01, kLow: 2, kHigh: 4, method: .quantile),
      createdAtUnixSeconds: -86_400, trainingSummaryUTF8: Array(summary.utf8))
  }

  /// The records of `bytes` as (tag, payload) pairs, read by hand from the documented layout.
  private func records(_ bytes: [UInt8]) -> [(tag: UInt16, payload: [UInt8])] {
    var result: [(UInt16, [UInt8])] = []
    var offset = 10
    while offset < bytes.count {
      let tag = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
      let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + 2 + $1]) << (8 * $1) }
      result.append((tag, Array(bytes[(offset + 6)..<(offset + 6 + length)])))
      offset += 6 + length
    }
    return result
  }

  /// A blob from header fields and records, with the declared length computed unless given.
  private func blob(version: UInt16 = 1, _ records: [(tag: UInt16, payload: [UInt8])], declared: Int? = nil)
    -> [UInt8]
  {
    var body: [UInt8] = []
    for record in records {
      body += [UInt8(record.tag & 0xFF), UInt8(record.tag >> 8)]
      body += (0..<4).map { UInt8(truncatingIfNeeded: record.payload.count >> (8 * $0)) }
      body += record.payload
    }
    let length = declared ?? body.count
    return Array("EHMD".utf8) + [UInt8(version & 0xFF), UInt8(version >> 8)]
      + (0..<4).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + body
  }

  @Test func encodedMetadataDecodesToTheSameValues() throws {
    let metadata = try sample()
    #expect(try ModelMetadata(decoding: metadata.encode()) == metadata)
    let bare = try sample(summary: "")
    #expect(try ModelMetadata(decoding: bare.encode()) == bare)
    #expect(records(bare.encode()).map(\.tag) == [1, 2, 3, 4, 5], "an empty summary writes no record")
    let padded = [0xAA] + metadata.encode() + [0xBB]
    #expect(try ModelMetadata(decoding: padded[1..<(padded.count - 1)]) == metadata)
  }

  @Test func headerAndRecordsFollowTheDocumentedLittleEndianLayout() throws {
    let bytes = try sample().encode()
    #expect(Array(bytes[0..<6]) == Array("EHMD".utf8) + [1, 0])
    #expect((0..<4).reduce(0) { $0 | Int(bytes[6 + $1]) << (8 * $1) } == bytes.count - 10)
    let parts = records(bytes)
    #expect(parts.map(\.tag) == [1, 2, 3, 4, 5, 6])
    #expect(parts[0].payload == [7, 0, 0, 0])
    #expect(parts[1].payload == [1, 128, 0, 0, 0, 2, 0, 0, 0] + le(Float(400)))
    #expect(parts[2].payload == [0, 2, 0, 0, 0] + le(0.5) + le(-1.25) + le(0.75) + le(2))
    #expect(parts[3].payload == [0.03, 0.09, 0.01, 0.01, 2, 4].flatMap(le) + [1])
    #expect(parts[4].payload == (0..<8).map { UInt8(truncatingIfNeeded: Int64(-86_400) >> (8 * $0)) })
    #expect(String(decoding: parts[5].payload, as: UTF8.self) == "trained on 4000 windows, 12 epochs")
  }

  private func le(_ value: Float) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) }
  }

  @Test func unknownRecordsAreSkipped() throws {
    let metadata = try sample()
    var parts = records(metadata.encode())
    parts.insert((tag: 99, payload: [1, 2, 3]), at: 2)
    parts.append((tag: 0xFFFF, payload: []))
    #expect(try ModelMetadata(decoding: blob(parts)) == metadata)
  }

  @Test func everyTruncationIsRefusedWithATypedError() throws {
    let bytes = try sample().encode()
    for length in 0..<bytes.count {
      #expect(throws: ModelMetadataError.self) { try ModelMetadata(decoding: Array(bytes[0..<length])) }
    }
  }

  @Test func aRecordRunningPastTheEndIsTruncation() throws {
    let parts = records(try sample().encode())
    var bytes = blob(parts)
    // The summary is the last record: make it claim 100 more bytes than follow it.
    let summary = parts[5].payload.count
    bytes[bytes.count - summary - 4] = UInt8(summary + 100)
    #expect(throws: ModelMetadataError.truncated(offset: bytes.count - summary, needed: summary + 100)) {
      try ModelMetadata(decoding: bytes)
    }
  }

  @Test func malformedHeadersAreRefused() throws {
    var bytes = try sample().encode()
    bytes[0] = UInt8(ascii: "X")
    #expect(throws: ModelMetadataError.badMagic) { try ModelMetadata(decoding: bytes) }
    let parts = records(try sample().encode())
    #expect(throws: ModelMetadataError.unsupportedFormatVersion(2)) {
      try ModelMetadata(decoding: blob(version: 2, parts))
    }
    let exact = blob(parts)
    #expect(throws: ModelMetadataError.lengthMismatch(declared: exact.count - 9, actual: exact.count - 10)) {
      try ModelMetadata(decoding: blob(parts, declared: exact.count - 9))
    }
  }

  @Test func missingDuplicateAndMisSizedRecordsAreRefused() throws {
    let parts = records(try sample().encode())
    #expect(throws: ModelMetadataError.missingRecord(.thresholds)) {
      try ModelMetadata(decoding: blob(parts.filter { $0.tag != 4 }))
    }
    #expect(throws: ModelMetadataError.duplicateRecord(.modelVersion)) {
      try ModelMetadata(decoding: blob([parts[0]] + parts))
    }
    var short = parts
    short[0].payload.removeLast()
    #expect(throws: ModelMetadataError.badRecordLength(tag: .modelVersion, length: 3)) {
      try ModelMetadata(decoding: blob(short))
    }
    var ragged = parts
    ragged[2].payload.removeLast()
    #expect(throws: ModelMetadataError.badRecordLength(tag: .standardization, length: 20)) {
      try ModelMetadata(decoding: blob(ragged))
    }
  }

  @Test func unknownCodesAndInconsistentValuesAreRefused() throws {
    let parts = records(try sample().encode())
    var kind = parts
    kind[1].payload[0] = 9
    #expect(throws: ModelMetadataError.unknownFrontEndKind(9)) { try ModelMetadata(decoding: blob(kind)) }
    var mode = parts
    mode[2].payload[0] = 5
    #expect(throws: ModelMetadataError.unknownStandardizationMode(5)) {
      try ModelMetadata(decoding: blob(mode))
    }
    var perFeature = parts
    perFeature[2].payload[0] = 1
    #expect(throws: ModelMetadataError.standardizationCountMismatch(expected: 130, actual: 2)) {
      try ModelMetadata(decoding: blob(perFeature))
    }
    var zeroStd = parts
    zeroStd[2].payload.replaceSubrange(13..<17, with: le(0))
    #expect(throws: ModelMetadataError.invalidStandardization) { try ModelMetadata(decoding: blob(zeroStd)) }
    var nanThreshold = parts
    nanThreshold[3].payload.replaceSubrange(0..<4, with: le(.nan))
    #expect(throws: ModelMetadataError.invalidThresholds) { try ModelMetadata(decoding: blob(nanThreshold)) }
    var badText = parts
    badText[5].payload = [0xC3, 0x28]
    #expect(throws: ModelMetadataError.invalidSummary) { try ModelMetadata(decoding: blob(badText)) }
    var noRate = parts
    noRate[1].payload.replaceSubrange(9..<13, with: le(0))
    #expect(throws: ModelMetadataError.invalidLayout) { try ModelMetadata(decoding: blob(noRate)) }
  }

  @Test func unknownThresholdMethodsAreKept() throws {
    var parts = records(try sample().encode())
    parts[3].payload[24] = 42
    #expect(
      try ModelMetadata(decoding: blob(parts)).thresholds.method
        == ModelMetadata.ThresholdMethod(rawValue: 42))
  }

  @Test func randomByteCorruptionIsEitherRefusedOrDecodesCleanly() throws {
    let bytes = try sample().encode()
    var state: UInt64 = 0x5EED
    for _ in 0..<2000 {
      var corrupted = bytes
      for _ in 0..<3 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        corrupted[Int(state >> 33) % corrupted.count] = UInt8(truncatingIfNeeded: state >> 17)
      }
      if let decoded = try? ModelMetadata(decoding: corrupted) {
        #expect(decoded.encode().count <= corrupted.count)
      }
    }
  }

  @Test func inconsistentMetadataCannotBeBuilt() throws {
    let standardization = try ModelMetadata.Standardization(mode: .perFeature, means: [0, 0], stds: [1, 1])
    let thresholds = try ModelMetadata.Thresholds(low: 1, high: 2, mu: 0.5, sigma: 0.25, kLow: 2, kHigh: 6)
    #expect(throws: ModelMetadataError.standardizationCountMismatch(expected: 300, actual: 2)) {
      try ModelMetadata(
        modelVersion: 1, frontEnd: FrontEndSpec(kind: .raw), standardization: standardization,
        thresholds: thresholds,
        createdAtUnixSeconds: 0)
    }
    #expect(throws: ModelMetadataError.invalidStandardization) {
      try ModelMetadata.Standardization(mode: .perAxis, means: [0, 0], stds: [1])
    }
    #expect(throws: ModelMetadataError.invalidThresholds) {
      try ModelMetadata.Thresholds(low: 3, high: 2, mu: 0.5, sigma: 0.25, kLow: 2, kHigh: 6)
    }
  }

  @Test func replacingThresholdsKeepsEverythingElse() throws {
    let metadata = try sample()
    let thresholds = try ModelMetadata.Thresholds(low: 1, high: 2, mu: 0.5, sigma: 0.25, kLow: 2, kHigh: 6)
    let replaced = metadata.replacing(thresholds: thresholds)
    #expect(replaced.thresholds == thresholds)
    #expect(
      replaced.standardization == metadata.standardization && replaced.modelVersion == metadata.modelVersion)
  }
}
