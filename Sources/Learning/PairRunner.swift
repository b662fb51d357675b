import Dispatch

/// Runs the two fixed halves of a job, on two threads or one after the other.
///
/// Half `i` always gets the same work whatever the thread count, so results never depend on scheduling
/// and a one-thread run is bit-identical to a two-thread run. Callers guarantee that the halves write
/// disjoint memory; that is what makes handing `body` to a second thread safe.
struct PairRunner: Sendable {
  /// 1 runs both halves on the calling thread; 2 (or more) runs them at once.
  let threads: Int

  /// Calls `body(0)` and `body(1)` and returns when both are done.
  func run(_ body: (Int) -> Void) {
    guard threads >= 2 else {
      body(0)
      body(1)
      return
    }
    withoutActuallyEscaping(body) { body in
      let halves = DisjointHalves(body: body)
      DispatchQueue.concurrentPerform(iterations: 2) { halves.body($0) }
    }
  }
}

/// A job whose two halves touch disjoint memory, and so may run on two threads.
private struct DisjointHalves: @unchecked Sendable {
  let body: (Int) -> Void
}
