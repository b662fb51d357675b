extension ModelMetadata {
  /// Parses EHMD bytes; refuses bad magic, another format version, truncation, bad lengths and missing records.
  public init(decoding bytes: UnsafeRawBufferPointer) throws(ModelMetadataError) {
    var header = Cursor(bytes, from: 0, to: bytes.count)
    guard bytes.count >= Self.magic.count, (0..<Self.magic.count).allSatisfy({ bytes[$0] == Self.magic[$0] })
    else {
      throw .badMagic
    }
    header.offset = Self.magic.count
    let version = try header.u16()
    guard version == Self.formatVersion else { throw .unsupportedFormatVersion(version) }
    let declared = try header.u32()
    let actual = bytes.count - Self.headerSize
    guard Int(exactly: declared) == actual else {
      throw .lengthMismatch(declared: Int(truncatingIfNeeded: declared), actual: actual)
    }

    var records = Records()
    var cursor = Cursor(bytes, from: Self.headerSize, to: bytes.count)
    while cursor.offset < cursor.end {
      let rawTag = try cursor.u16()
      let rawLength = try cursor.u32()
      guard let length = Int(exactly: rawLength), length <= cursor.end - cursor.offset else {
        throw .truncated(offset: cursor.offset, needed: Int(truncatingIfNeeded: rawLength))
      }
      var payload = Cursor(bytes, from: cursor.offset, to: cursor.offset + length)
      cursor.offset += length
      guard let tag = RecordTag(rawValue: rawTag) else { continue }
      try records.read(tag, from: &payload, length: length)
    }
    guard let modelVersion = records.modelVersion else { throw .missingRecord(.modelVersion) }
    guard let frontEnd = records.frontEnd else { throw .missingRecord(.frontEnd) }
    guard let standardization = records.standardization else { throw .missingRecord(.standardization) }
    guard let thresholds = records.thresholds else { throw .missingRecord(.thresholds) }
    guard let createdAt = records.createdAt else { throw .missingRecord(.createdAt) }
    try self.init(
      modelVersion: modelVersion, frontEnd: frontEnd, standardization: standardization,
      thresholds: thresholds,
      createdAtUnixSeconds: createdAt, trainingSummaryUTF8: records.summary ?? [])
  }

  /// Parses EHMD bytes held in an array.
  public init(decoding bytes: [UInt8]) throws(ModelMetadataError) {
    try self.init(decoding: bytes[...])
  }

  /// Parses EHMD bytes held in an array slice (e.g. a `.tflite` metadata buffer).
  public init(decoding bytes: ArraySlice<UInt8>) throws(ModelMetadataError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(ModelMetadataError) in try ModelMetadata(decoding: raw) }
    }
    self = try result.get()
  }

  /// The known records found so far.
  private struct Records {
    var modelVersion: UInt32?
    var frontEnd: FrontEndSpec?
    var standardization: Standardization?
    var thresholds: Thresholds?
    var createdAt: Int64?
    var summary: [UInt8]?
    private var seen: [RecordTag] = []

    /// Reads one known record's payload.
    mutating func read(_ tag: RecordTag, from payload: inout Cursor, length: Int) throws(ModelMetadataError) {
      guard !seen.contains(tag) else { throw .duplicateRecord(tag) }
      seen.append(tag)
      let expected: Int? =
        switch tag {
        case .modelVersion: 4
        case .frontEnd: 13
        case .thresholds: 25
        case .createdAt: 8
        case .standardization, .trainingSummary: nil
        }
      if let expected, length != expected { throw .badRecordLength(tag: tag, length: length) }
      switch tag {
      case .modelVersion:
        modelVersion = try payload.u32()
      case .frontEnd:
        let rawKind = try payload.u8()
        guard let kind = FrontEndKind(rawValue: rawKind) else { throw .unknownFrontEndKind(rawKind) }
        guard let samples = Int(exactly: try payload.u32()), let axes = Int(exactly: try payload.u32()) else {
          throw .invalidLayout
        }
        let rate = try payload.f32()
        frontEnd = FrontEndSpec(
          kind: kind, layout: SignalLayout(samplesPerWindow: samples, axes: axes, sampleRateHz: rate))
      case .standardization:
        guard length >= 5 else { throw .badRecordLength(tag: tag, length: length) }
        let rawMode = try payload.u8()
        guard let mode = Standardization.Mode(rawValue: rawMode) else {
          throw .unknownStandardizationMode(rawMode)
        }
        let count = try payload.u32()
        guard (length - 5) % 8 == 0, UInt32(exactly: (length - 5) / 8) == count else {
          throw .badRecordLength(tag: tag, length: length)
        }
        let means = try payload.f32s((length - 5) / 8)
        let stds = try payload.f32s((length - 5) / 8)
        standardization = try Standardization(mode: mode, means: means, stds: stds)
      case .thresholds:
        let values = try payload.f32s(6)
        thresholds = try Thresholds(
          low: values[0], high: values[1], mu: values[2], sigma: values[3], kLow: values[4], kHigh: values[5],
          method: ThresholdMethod(rawValue: try payload.u8()))
      case .createdAt:
        createdAt = Int64(bitPattern: try payload.u64())
      case .trainingSummary:
        summary = try payload.bytes(length)
      }
    }
  }

  /// Reads little-endian values from a window of bytes, refusing to read past its end.
  struct Cursor {
    private let base: UnsafeRawBufferPointer
    /// Next byte to read.
    var offset: Int
    /// One past the last readable byte.
    let end: Int

    /// A cursor over `bytes[start..<end]`.
    init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
      base = bytes
      offset = start
      self.end = end
    }

    /// The next `count` bytes.
    mutating func bytes(_ count: Int) throws(ModelMetadataError) -> [UInt8] {
      guard count <= end - offset else { throw .truncated(offset: offset, needed: count) }
      defer { offset += count }
      return (offset..<(offset + count)).map { base[$0] }
    }

    /// The next byte.
    mutating func u8() throws(ModelMetadataError) -> UInt8 { UInt8(try little(width: 1)) }
    /// The next little-endian u16.
    mutating func u16() throws(ModelMetadataError) -> UInt16 { UInt16(try little(width: 2)) }
    /// The next little-endian u32.
    mutating func u32() throws(ModelMetadataError) -> UInt32 { UInt32(try little(width: 4)) }
    /// The next little-endian u64.
    mutating func u64() throws(ModelMetadataError) -> UInt64 { try little(width: 8) }
    /// The next `count` little-endian binary32 floats.
    mutating func f32s(_ count: Int) throws(ModelMetadataError) -> [Float] {
      var values: [Float] = []
      values.reserveCapacity(count)
      for _ in 0..<count { values.append(try f32()) }
      return values
    }
    /// The next little-endian binary32 float.
    mutating func f32() throws(ModelMetadataError) -> Float { Float(bitPattern: try u32()) }

    private mutating func little(width: Int) throws(ModelMetadataError) -> UInt64 {
      guard width <= end - offset else { throw .truncated(offset: offset, needed: width) }
      var value: UInt64 = 0
      for index in 0..<width { value |= UInt64(base[offset + index]) << (8 * UInt64(index)) }
      offset += width
      return value
    }
  }
}
