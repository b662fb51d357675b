import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs long CPU work (training, quantization) on a thread of its own at a lower scheduling priority, so
/// neither the NIO event loops nor the cooperative pool that answer requests ever wait behind it.
enum OffLoopThread {
  /// Stack of the worker thread (training keeps large arrays on the heap; 8 MiB is ample).
  static let stackSize = 8 << 20
  /// Nice value of the worker thread (on Linux `who` 0 names the calling thread only): requests win the CPU.
  static let niceIncrement: Int32 = 10

  /// The result of `work`, computed on a new thread.
  static func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        #if canImport(Glibc)
          _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceIncrement)
        #endif
        continuation.resume(with: Swift.Result { try work() })
      }
      thread.name = "edgehybrid-retrain"
      thread.stackSize = stackSize
      thread.start()
    }
  }
}
