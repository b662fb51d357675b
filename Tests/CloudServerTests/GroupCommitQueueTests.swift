import Synchronization
import Testing

@testable import CloudServer

@Suite("Group commit queue")
struct GroupCommitQueueTests {
  @Test("concurrent jobs share commits and each gets its own outcome")
  func batchesConcurrentJobs() async throws {
    let queue = GroupCommitQueue<Int, Int>(maximumBatch: 64)
    let batches = Mutex<[Int]>([])
    let consumer = Task {
      await queue.run { jobs in
        try await Task.sleep(for: .milliseconds(2))
        batches.withLock { $0.append(jobs.count) }
        return jobs.map { $0 * 10 }
      }
    }
    let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
      for job in 0..<500 { group.addTask { (job, try await queue.submit(job)) } }
      return try await group.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
    }
    queue.close()
    await consumer.value
    #expect(results.count == 500)
    #expect(results.allSatisfy { $0.value == $0.key * 10 })
    let sizes = batches.withLock { $0 }
    #expect(sizes.reduce(0, +) == 500)
    #expect(sizes.count < 500, "some commits carried several jobs")
    #expect(sizes.allSatisfy { $0 <= 64 })
  }

  @Test("a failed commit fails every job of its batch and the queue keeps going")
  func failedCommit() async throws {
    struct DiskFull: Error {}
    let queue = GroupCommitQueue<Int, Int>(maximumBatch: 8)
    let consumer = Task {
      await queue.run { jobs in
        if jobs.contains(13) { throw DiskFull() }
        return jobs
      }
    }
    await #expect(throws: DiskFull.self) { try await queue.submit(13) }
    #expect(try await queue.submit(14) == 14)
    queue.close()
    await consumer.value
  }

  @Test("close commits what was accepted, then refuses new jobs")
  func closeDrains() async throws {
    let queue = GroupCommitQueue<Int, Int>(maximumBatch: 4)
    let committed = Mutex(0)
    let accepted = (0..<20).map { job in Task { try await queue.submit(job) } }
    while queue.pendingCount < 20 { try await Task.sleep(for: .milliseconds(1)) }
    queue.close()
    await queue.run { jobs in
      committed.withLock { $0 += jobs.count }
      return jobs
    }
    for (job, task) in accepted.enumerated() { #expect(try await task.value == job) }
    #expect(committed.withLock { $0 } == 20)
    await #expect(throws: StoreError.closed) { try await queue.submit(99) }
  }
}
