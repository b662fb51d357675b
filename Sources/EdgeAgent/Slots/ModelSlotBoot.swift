import EdgeCore

/// What a boot found: the selection, the running slot's payload, and why other slots were refused.
public struct ModelSlotBoot: Sendable {
  /// The boot choice and the record after boot.
  public let selection: SlotSelection
  /// The chosen slot's `.tflite` bytes; nil when the built-in model boots.
  public let payload: [UInt8]?
  /// Slots whose files were missing or refused, and why.
  public let refusals: [ModelSlotID: ModelSlotReadError]
}
