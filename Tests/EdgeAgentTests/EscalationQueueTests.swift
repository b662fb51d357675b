import EdgeCore
import Foundation
import Testing

@testable import EdgeAgent

@Suite struct EscalationQueueTests {
  private func escalation(_ index: Int) -> PendingEscalation {
    PendingEscalation(
      id: UUID(
        uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - String(index).count)
          + String(index))!,
      timestamp: Date(timeIntervalSince1970: 1_700_000_000 + Double(index)), edgeMSE: Float(index) / 100,
      modelVersion: 3, fallbackDecision: index.isMultiple(of: 2) ? .normal : .anomaly,
      features: (0..<300).map { Float($0 + index) / 300 })
  }

  @Test func escalationRoundTripsThroughItsBinaryForm() {
    let original = escalation(7)
    #expect(PendingEscalation(encoded: original.encoded()) == original)
    #expect(PendingEscalation(encoded: Array(original.encoded().dropLast())) == nil)
    #expect(PendingEscalation(encoded: original.encoded() + [0]) == nil)
  }

  @Test func everythingAcceptedSurvivesACrash() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("queue.log")
    var queue: EscalationQueue? = try EscalationQueue(path: path, capacity: 100)
    for i in 0..<10 { try queue!.append(escalation(i)) }
    try queue!.removeDelivered(3)
    queue = nil
    let reopened = try EscalationQueue(path: path, capacity: 100)
    #expect(reopened.entries == (3..<10).map(escalation))
    #expect(reopened.deliveredCount == 3 && reopened.expiredCount == 0 && reopened.recoveredTornBytes == 0)
  }

  @Test func tornLastRecordIsDroppedAndEarlierOnesKept() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("queue.log")
    let queue = try EscalationQueue(path: path, capacity: 100)
    for i in 0..<3 { try queue.append(escalation(i)) }
    let complete = try directory.bytes("queue.log")
    try queue.append(escalation(3))
    let withFourth = try directory.bytes("queue.log")
    for cut in stride(from: complete.count + 1, to: withFourth.count, by: 97) {
      try directory.write("queue.log", Array(withFourth[..<cut]))
      let reopened = try EscalationQueue(path: path, capacity: 100)
      #expect(reopened.entries == (0..<3).map(escalation), "cut at \(cut)")
      #expect(reopened.recoveredTornBytes == cut - complete.count)
      #expect(try directory.bytes("queue.log") == complete)
    }
  }

  @Test func damagedLastRecordIsDroppedToo() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("queue.log")
    let queue = try EscalationQueue(path: path, capacity: 100)
    for i in 0..<2 { try queue.append(escalation(i)) }
    var bytes = try directory.bytes("queue.log")
    bytes[bytes.count - 5] ^= 0x40
    try directory.write("queue.log", bytes)
    let reopened = try EscalationQueue(path: path, capacity: 100)
    #expect(reopened.entries == [escalation(0)])
    try reopened.append(escalation(5))
    #expect(try EscalationQueue(path: path, capacity: 100).entries == [escalation(0), escalation(5)])
  }

  @Test func fullQueueExpiresTheOldestAndCountsThem() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("queue.log")
    let queue = try EscalationQueue(path: path, capacity: 4)
    for i in 0..<7 { try queue.append(escalation(i)) }
    #expect(queue.entries == (3..<7).map(escalation))
    #expect(queue.expiredCount == 3)
    let reopened = try EscalationQueue(path: path, capacity: 4)
    #expect(reopened.entries == (3..<7).map(escalation) && reopened.expiredCount == 3)
  }

  @Test func compactionKeepsTheLiveEntriesAndCountersAndShrinksTheFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("queue.log")
    let queue = try EscalationQueue(path: path, capacity: 5, compactionThresholdBytes: 4_000)
    var largest = 0
    for i in 0..<40 {
      try queue.append(escalation(i))
      if i.isMultiple(of: 3) { try queue.removeDelivered(1) }
      largest = max(largest, try directory.bytes("queue.log").count)
    }
    #expect(largest < 16_000)
    let reopened = try EscalationQueue(path: path, capacity: 5)
    #expect(reopened.entries == queue.entries)
    #expect(reopened.deliveredCount == queue.deliveredCount && reopened.expiredCount == queue.expiredCount)
    #expect(
      queue.deliveredCount == 14 && queue.deliveredCount + queue.expiredCount + UInt64(queue.count) == 40)
  }

  @Test func anEntryExpiredDuringItsUploadTakesNoOtherEntryWithIt() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let queue = try EscalationQueue(path: directory.file("queue.log"), capacity: 2)
    try queue.append(escalation(0))
    try queue.append(escalation(1))
    var uploaded: [PendingEscalation] = []
    _ = try await queue.drain { pending in
      if uploaded.isEmpty { try? queue.append(escalation(2)) }  // the full queue expires entry 0 meanwhile
      uploaded.append(pending)
      return .delivered
    }
    #expect(uploaded == [escalation(0), escalation(1), escalation(2)])
    #expect(queue.entries.isEmpty && queue.expiredCount == 1 && queue.deliveredCount == 2)
  }

  @Test func drainUploadsOldestFirstAndStopsAtAFailureThatMayPass() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("queue.log")
    let queue = try EscalationQueue(path: path, capacity: 10)
    for i in 0..<5 { try queue.append(escalation(i)) }
    var seen: [UUID] = []
    let report = try await queue.drain { escalation in
      seen.append(escalation.id)
      switch seen.count {
      case 2: return .refused
      case 4: return .retryLater
      default: return .delivered
      }
    }
    #expect(report == DrainReport(delivered: 2, refused: 1, stoppedEarly: true))
    #expect(seen == (0..<4).map { escalation($0).id })
    #expect(queue.entries == [escalation(3), escalation(4)])
    let rest = try await queue.drain { _ in .delivered }
    #expect(rest == DrainReport(delivered: 2, refused: 0, stoppedEarly: false))
    #expect(try EscalationQueue(path: path, capacity: 10).entries.isEmpty)
  }

  @Test func foreignFileIsRefusedNotOverwritten() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("queue.log", Array("not a queue at all".utf8))
    #expect(throws: EscalationQueueError.log(.foreignFile(path: directory.file("queue.log")))) {
      try EscalationQueue(path: directory.file("queue.log"), capacity: 3)
    }
    #expect(try directory.bytes("queue.log") == Array("not a queue at all".utf8))
  }
}
