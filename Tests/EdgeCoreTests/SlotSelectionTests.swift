import EdgeCore
import Testing

@Suite struct SlotSelectionTests {
  private func header(_ version: UInt32) -> ModelSlotHeader {
    [UInt8](repeating: UInt8(truncatingIfNeeded: version), count: 16).withUnsafeBytes {
      ModelSlotHeader(modelVersion: version, payload: $0)
    }
  }

  @Test func noValidSlotBootsTheBuiltInModel() {
    let selection = SlotSelection(record: .factory, a: nil, b: nil)
    #expect(selection.choice == .builtIn)
    #expect(selection.runningSlot == nil)
    #expect(selection.state == .factory)
  }

  @Test func highestConfirmedVersionBoots() {
    let record = ModelSlotState(statusA: .confirmed, statusB: .confirmed)
    #expect(SlotSelection(record: record, a: header(3), b: header(4)).choice == .slot(.b, version: 4))
    #expect(SlotSelection(record: record, a: header(5), b: header(4)).choice == .slot(.a, version: 5))
    #expect(SlotSelection(record: record, a: header(4), b: header(4)).choice == .slot(.a, version: 4))
  }

  @Test func damagedConfirmedSlotIsEmptiedAndTheOtherBoots() {
    let record = ModelSlotState(statusA: .confirmed, statusB: .confirmed, manifestSerial: 8)
    let selection = SlotSelection(record: record, a: header(3), b: nil)
    #expect(selection.choice == .slot(.a, version: 3))
    #expect(selection.state == ModelSlotState(statusA: .confirmed, statusB: .empty, manifestSerial: 8))
  }

  @Test func pendingSlotAtBootIsRevertedEvenWithAHigherVersion() {
    let record = ModelSlotState(statusA: .confirmed, statusB: .pending, manifestSerial: 2)
    let selection = SlotSelection(record: record, a: header(1), b: header(2))
    #expect(selection.choice == .slot(.a, version: 1))
    #expect(selection.reverted == [.b])
    #expect(selection.state == ModelSlotState(statusA: .confirmed, statusB: .retired, manifestSerial: 2))
  }

  @Test func pendingFirstUpdateRevertsToTheBuiltInModel() {
    let selection = SlotSelection(record: ModelSlotState(statusA: .pending), a: header(2), b: nil)
    #expect(selection.choice == .builtIn)
    #expect(selection.reverted == [.a])
  }

  @Test func retiredOrEmptySlotsNeverBootWhateverTheirBytes() {
    let record = ModelSlotState(statusA: .retired, statusB: .empty)
    #expect(SlotSelection(record: record, a: header(9), b: header(8)).choice == .builtIn)
  }

  @Test func missingRecordBootsTheHighestValidVersion() {
    let selection = SlotSelection(record: nil, a: header(2), b: header(6))
    #expect(selection.choice == .slot(.b, version: 6))
    #expect(selection.state == ModelSlotState(statusA: .confirmed, statusB: .confirmed))
    let oneValid = SlotSelection(record: nil, a: nil, b: header(6))
    #expect(oneValid.state == ModelSlotState(statusA: .empty, statusB: .confirmed))
  }
}
