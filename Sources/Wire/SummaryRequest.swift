/// `POST /summary` body: a device's 20-number feature summary for one reporting period (lesson exercise 4).
///
/// Layout of `summary`: per-axis mean and variance (x mean, x variance, y mean, y variance, z mean,
/// z variance), a 10-bin MSE histogram, the peak frequency per axis in Hz, the sample count.
public struct SummaryRequest: Codable, Sendable, Equatable {
  /// Values in a summary.
  public static let valueCount = 20

  /// The reporting device.
  public var deviceID: String
  /// End of the reporting period.
  public var ts: WireTimestamp
  /// The 20 summary values.
  public var summary: [Float]

  /// A summary.
  public init(deviceID: String, ts: WireTimestamp, summary: [Float]) {
    self.deviceID = deviceID
    self.ts = ts
    self.summary = summary
  }

  /// Checks the id, the value count and that every value is finite.
  public func validate() throws(WireValidationError) {
    try WireValidation.checkDeviceID(deviceID)
    try WireValidation.checkFeatures(summary, count: Self.valueCount, field: "summary")
  }

  enum CodingKeys: String, CodingKey {
    case deviceID = "device_id"
    case ts, summary
  }

  /// Decodes a body; a value float32 cannot hold is refused with its index.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    deviceID = try container.decode(String.self, forKey: .deviceID)
    ts = try container.decode(WireTimestamp.self, forKey: .ts)
    summary = try container.decodeFloat32Array(forKey: .summary)
  }
}
