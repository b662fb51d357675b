/// Payload on `edge-ai/device/{id}/inference`: one decision the edge made on its own.
public struct InferenceEvent: Codable, Sendable, Equatable {
  /// When the window was decided.
  public var ts: WireTimestamp
  /// Per-device message counter; gaps and repeats reveal lost or duplicated messages.
  public var seq: UInt64
  /// The deciding device.
  public var deviceID: String
  /// Edge reconstruction error of the window.
  public var mse: Double
  /// The local verdict.
  public var decision: EdgeDecision
  /// Edge model version that decided.
  public var modelVersion: Int

  /// An inference event.
  public init(
    ts: WireTimestamp, seq: UInt64, deviceID: String, mse: Double, decision: EdgeDecision, modelVersion: Int
  ) {
    self.ts = ts
    self.seq = seq
    self.deviceID = deviceID
    self.mse = mse
    self.decision = decision
    self.modelVersion = modelVersion
  }

  enum CodingKeys: String, CodingKey {
    case ts, seq, mse, decision
    case deviceID = "device_id"
    case modelVersion = "model_version"
  }
}

/// A local verdict as the `inference` topic spells it.
public enum EdgeDecision: String, Codable, Sendable, CaseIterable {
  /// Edge MSE below the low threshold.
  case normal
  /// Edge MSE above the high threshold.
  case anomaly
}
