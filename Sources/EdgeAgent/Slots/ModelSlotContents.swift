import EdgeCore

/// A validated slot: its header and its `.tflite` bytes.
public struct ModelSlotContents: Equatable, Sendable {
  /// The slot header (model version, size, digests).
  public let header: ModelSlotHeader
  /// The model bytes.
  public let payload: [UInt8]
}
