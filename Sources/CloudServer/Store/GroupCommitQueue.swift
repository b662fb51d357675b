import Synchronization

/// Gathers concurrent write jobs into batches so that one transaction (one fsync) commits many.
///
/// Submitters wait until the batch holding their job has committed. A single consumer (`run`)
/// takes everything pending — up to `maximumBatch` jobs — commits it, answers, and repeats;
/// while a commit is in flight new jobs pile up, so the batch size follows the load.
final class GroupCommitQueue<Job: Sendable, Outcome: Sendable>: Sendable {
  /// Commits a batch; returns one outcome per job, in order.
  typealias Commit = @Sendable ([Job]) async throws -> [Outcome]

  /// Answers a job's submitter once its batch has committed (or failed).
  typealias Completion = @Sendable (Result<Outcome, any Error>) -> Void

  private struct Pending: Sendable {
    var job: Job
    var completion: Completion
  }

  private struct State: Sendable {
    var pending: [Pending] = []
    var consumer: CheckedContinuation<Void, Never>?
    var closed = false
  }

  private let state = Mutex(State())
  private let maximumBatch: Int

  /// A queue committing at most `maximumBatch` jobs per batch.
  init(maximumBatch: Int) {
    precondition(maximumBatch > 0, "a batch holds at least one job")
    self.maximumBatch = maximumBatch
  }

  /// Queues a job and waits until its batch committed; throws `StoreError.closed` after `close()`.
  func submit(_ job: Job) async throws -> Outcome {
    try await withCheckedThrowingContinuation { continuation in
      submit(job) { continuation.resume(with: $0) }
    }
  }

  /// Queues a job and calls `completion` once its batch committed, from the committing task (at once with
  /// `StoreError.closed` after `close()`), for callers that must not wait in a task, such as an event loop.
  func submit(_ job: Job, completion: @escaping Completion) {
    let (accepted, consumer) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
      guard !state.closed else { return (false, nil) }
      state.pending.append(Pending(job: job, completion: completion))
      let consumer = state.consumer
      state.consumer = nil
      return (true, consumer)
    }
    if accepted {
      consumer?.resume()
    } else {
      completion(.failure(StoreError.closed))
    }
  }

  /// Jobs waiting for a commit.
  var pendingCount: Int { state.withLock { $0.pending.count } }

  /// Stops accepting jobs; `run` returns after committing what was already accepted.
  func close() {
    let consumer = state.withLock { state in
      state.closed = true
      let consumer = state.consumer
      state.consumer = nil
      return consumer
    }
    consumer?.resume()
  }

  /// Commits batches until closed and drained; `onBatch` sees each batch size after its commit.
  func run(commit: Commit, onBatch: @Sendable (Int) -> Void = { _ in }) async {
    while let batch = await nextBatch() {
      do {
        let outcomes = try await commit(batch.map(\.job))
        precondition(outcomes.count == batch.count, "a commit answers every job of its batch")
        for (pending, outcome) in zip(batch, outcomes) { pending.completion(.success(outcome)) }
      } catch {
        for pending in batch { pending.completion(.failure(error)) }
      }
      onBatch(batch.count)
    }
  }

  private enum Next {
    case batch([Pending])
    case finished
    case wait
  }

  private func nextBatch() async -> [Pending]? {
    while true {
      let next = state.withLock { state -> Next in
        if state.pending.isEmpty { return state.closed ? .finished : .wait }
        let count = min(state.pending.count, maximumBatch)
        let batch = Array(state.pending.prefix(count))
        state.pending.removeFirst(count)
        return .batch(batch)
      }
      switch next {
      case .batch(let batch): return batch
      case .finished: return nil
      case .wait:
        await withCheckedContinuation { (consumer: CheckedContinuation<Void, Never>) in
          let ready = state.withLock { state -> Bool in
            if !state.pending.isEmpty || state.closed { return true }
            state.consumer = consumer
            return false
          }
          if ready { consumer.resume() }
        }
      }
    }
  }
}
