import Logging
import ServiceLifecycle

/// Runs `work` every `interval` until shutdown, logging what fails: the reload loop (devices or models changed
/// by another process) and the retraining loop.
struct PeriodicService: Service {
  let interval: Duration
  let logger: Logger
  let failure: String
  let work: @Sendable () async throws -> Void

  func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        do {
          try await work()
        } catch  where !Task.isCancelled {
          logger.error("\(failure): \(error)")
        } catch {
          return
        }
        try? await Task.sleep(for: interval)
      }
    }
  }
}

/// Closes the store last: after the HTTP server stopped, it commits every accepted write and closes.
struct StoreService: Service {
  let core: ServerCore
  let close: @Sendable () async -> Void

  func run() async throws {
    try? await gracefulShutdown()
    core.logger.info("flushing the escalation store")
    await close()
    core.logger.info("store closed")
  }
}
