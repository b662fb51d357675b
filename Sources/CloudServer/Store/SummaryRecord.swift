import Wire

/// A device's feature summary as stored.
public struct SummaryRecord: Sendable, Equatable {
  /// Store-assigned id (nil until stored).
  public var id: Int64?
  /// The reporting device.
  public var deviceID: String
  /// End of the period, as the device said.
  public var ts: WireTimestamp
  /// When the server received it.
  public var receivedAt: WireTimestamp
  /// The 20 values (layout in `SummaryRequest`).
  public var summary: [Float]

  /// A summary record.
  public init(
    id: Int64? = nil, deviceID: String, ts: WireTimestamp, receivedAt: WireTimestamp, summary: [Float]
  ) {
    self.id = id
    self.deviceID = deviceID
    self.ts = ts
    self.receivedAt = receivedAt
    self.summary = summary
  }
}
