extension ModelMetadata {
  /// The record tags of format version 1.
  public enum RecordTag: UInt16, Sendable, CaseIterable {
    /// u32 model version.
    case modelVersion = 1
    /// Front-end kind and window layout.
    case frontEnd = 2
    /// Standardization mode and statistics.
    case standardization = 3
    /// The three-zone thresholds.
    case thresholds = 4
    /// i64 creation time.
    case createdAt = 5
    /// Optional UTF-8 training summary.
    case trainingSummary = 6
  }

  /// The magic that starts every EHMD blob.
  static let magic: [UInt8] = [0x45, 0x48, 0x4D, 0x44]
  /// Bytes before the first record: magic, format version, records length.
  static let headerSize = 10
  /// Bytes before a record's payload: tag and length.
  static let recordHeaderSize = 6

  /// The EHMD bytes of this metadata.
  public func encode() -> [UInt8] {
    var records = Encoder()
    records.record(.modelVersion) { $0.u32(modelVersion) }
    records.record(.frontEnd) { payload in
      payload.u8(frontEnd.kind.rawValue)
      payload.u32(UInt32(frontEnd.layout.samplesPerWindow))
      payload.u32(UInt32(frontEnd.layout.axes))
      payload.f32(frontEnd.layout.sampleRateHz)
    }
    records.record(.standardization) { payload in
      payload.u8(standardization.mode.rawValue)
      payload.u32(UInt32(standardization.means.count))
      for mean in standardization.means { payload.f32(mean) }
      for std in standardization.stds { payload.f32(std) }
    }
    records.record(.thresholds) { payload in
      for value in [
        thresholds.low, thresholds.high, thresholds.mu, thresholds.sigma, thresholds.kLow, thresholds.kHigh,
      ] {
        payload.f32(value)
      }
      payload.u8(thresholds.method.rawValue)
    }
    records.record(.createdAt) { $0.u64(UInt64(bitPattern: createdAtUnixSeconds)) }
    if !trainingSummaryUTF8.isEmpty {
      records.record(.trainingSummary) { $0.bytes.append(contentsOf: trainingSummaryUTF8) }
    }
    var blob = Encoder()
    blob.bytes = Self.magic
    blob.u16(Self.formatVersion)
    blob.u32(UInt32(records.bytes.count))
    blob.bytes.append(contentsOf: records.bytes)
    return blob.bytes
  }
}

extension ModelMetadata {
  /// Appends little-endian values to a byte array.
  struct Encoder {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    /// Appends one byte.
    mutating func u8(_ value: UInt8) { bytes.append(value) }
    /// Appends a little-endian u16.
    mutating func u16(_ value: UInt16) { little(UInt64(value), width: 2) }
    /// Appends a little-endian u32.
    mutating func u32(_ value: UInt32) { little(UInt64(value), width: 4) }
    /// Appends a little-endian u64.
    mutating func u64(_ value: UInt64) { little(value, width: 8) }
    /// Appends an IEEE 754 binary32, little-endian.
    mutating func f32(_ value: Float) { u32(value.bitPattern) }

    /// Appends a record: tag, payload length, then what `payload` writes.
    mutating func record(_ tag: RecordTag, _ payload: (inout Encoder) -> Void) {
      var body = Encoder()
      payload(&body)
      u16(tag.rawValue)
      u32(UInt32(body.bytes.count))
      bytes.append(contentsOf: body.bytes)
    }

    private mutating func little(_ value: UInt64, width: Int) {
      for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }
  }
}
