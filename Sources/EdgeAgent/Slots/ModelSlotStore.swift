import EdgeCore

/// The device's model partition as files in its data directory: `slot-a.bin`, `slot-b.bin` (each a
/// `ModelSlotImage`), `slot-state.bin` (a `ModelSlotState` record) and `health-baseline.bin` (the running
/// model's `ModelHealthBaseline`), every change written durably.
///
/// Slot files are replaced atomically, and still validated on every read, since a file system or card
/// that loses power can cut or damage a file anyway.
public struct ModelSlotStore: Sendable {
  /// The directory holding the slot files.
  public let directory: String
  /// The record as last persisted.
  public private(set) var state: ModelSlotState

  /// Opens (creating the directory if needed) the partition in `directory`; a missing or damaged record is
  /// treated as absent (see `SlotSelection`) until `boot` writes a fresh one.
  public init(directory: String) throws(FileIOError) {
    self.directory = directory
    try DurableFile.createDirectory(directory)
    state = ModelSlotStore.loadRecord(path: directory + "/" + ModelSlotStore.stateFileName) ?? .factory
  }

  /// File name of a slot.
  public static func fileName(of slot: ModelSlotID) -> String {
    slot == .a ? "slot-a.bin" : "slot-b.bin"
  }

  /// File name of the state record.
  public static let stateFileName = "slot-state.bin"

  /// The path of `slot`'s file.
  public func path(of slot: ModelSlotID) -> String {
    directory + "/" + ModelSlotStore.fileName(of: slot)
  }

  /// Chooses the boot model (see `SlotSelection`), persists the record it implies, and returns the choice
  /// with the chosen slot's payload (nil for the built-in model).
  public mutating func boot() throws(FileIOError) -> ModelSlotBoot {
    let record = ModelSlotStore.loadRecord(path: statePath)
    var headers: [ModelSlotID: ModelSlotHeader] = [:]
    var payloads: [ModelSlotID: [UInt8]] = [:]
    var refusals: [ModelSlotID: ModelSlotReadError] = [:]
    for slot in ModelSlotID.allCases {
      switch try read(slot) {
      case .success(let image):
        headers[slot] = image.header
        payloads[slot] = image.payload
      case .failure(let error):
        refusals[slot] = error
      }
    }
    let selection = SlotSelection(record: record, a: headers[.a], b: headers[.b])
    if selection.state != record { try persist(selection.state) }
    state = selection.state
    let payload = selection.runningSlot.flatMap { payloads[$0] }
    return ModelSlotBoot(selection: selection, payload: payload, refusals: refusals)
  }

  /// Reads and validates `slot`: its header and payload, or why it cannot be used.
  public func read(_ slot: ModelSlotID) throws(FileIOError) -> Result<ModelSlotContents, ModelSlotReadError> {
    guard let bytes = try DurableFile.contents(of: path(of: slot)) else { return .failure(.missing) }
    do {
      let header = try ModelSlotImage.validate(bytes)
      return .success(ModelSlotContents(header: header, payload: Array(bytes[ModelSlotHeader.byteCount...])))
    } catch {
      return .failure(.invalid(error))
    }
  }

  /// Writes `payload` as model `version` into `slot` and marks it pending for manifest `manifestSerial`:
  /// the record first says the slot is empty, then the image is replaced and read back, then the record
  /// says pending. Returns the header written.
  public mutating func install(
    payload: [UInt8], version: UInt32, into slot: ModelSlotID, manifestSerial: UInt64
  ) throws(ModelSlotStoreError) -> ModelSlotHeader {
    var next = state
    do { try next.beginWrite(slot) } catch { throw .state(error) }
    var pending = next
    do { try pending.markPending(slot, manifestSerial: manifestSerial) } catch { throw .state(error) }
    do {
      try persist(next)
      state = next
      try DurableFile.replace(
        path(of: slot), with: ModelSlotImage.encode(modelVersion: version, payload: payload))
    } catch { throw .file(error) }
    let readBack: Result<ModelSlotContents, ModelSlotReadError>
    do { readBack = try read(slot) } catch { throw .file(error) }
    switch readBack {
    case .success(let contents) where contents.payload == payload && contents.header.modelVersion == version:
      do { try persist(pending) } catch { throw .file(error) }
      state = pending
      return contents.header
    case .success:
      throw .readBackMismatch(slot)
    case .failure(let error):
      throw .readBack(slot, error)
    }
  }

  /// Confirms the pending `slot` (its self-test passed); `retiringOther` for a signed rollback.
  public mutating func confirm(_ slot: ModelSlotID, retiringOther: Bool) throws(ModelSlotStoreError) {
    try change { state throws(ModelSlotStateError) in try state.confirm(slot, retiringOther: retiringOther) }
  }

  /// Retires the pending `slot` (its self-test failed).
  public mutating func revert(_ slot: ModelSlotID) throws(ModelSlotStoreError) {
    try change { state throws(ModelSlotStateError) in try state.revert(slot) }
  }

  /// Retires the confirmed `slot` (it misbehaved in service).
  public mutating func retire(_ slot: ModelSlotID) throws(ModelSlotStoreError) {
    try change { state throws(ModelSlotStateError) in try state.retire(slot) }
  }

  private var statePath: String { directory + "/" + ModelSlotStore.stateFileName }

  private mutating func change(
    _ transition: (inout ModelSlotState) throws(ModelSlotStateError) -> Void
  ) throws(ModelSlotStoreError) {
    var next = state
    do { try transition(&next) } catch { throw .state(error) }
    do { try persist(next) } catch { throw .file(error) }
    state = next
  }

  private func persist(_ record: ModelSlotState) throws(FileIOError) {
    try DurableFile.replace(statePath, with: record.encode())
  }

  private static func loadRecord(path: String) -> ModelSlotState? {
    guard let bytes = try? DurableFile.contents(of: path) else { return nil }
    return try? ModelSlotState(decoding: bytes)
  }
}
