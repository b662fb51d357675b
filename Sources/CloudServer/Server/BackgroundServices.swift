import Logging
import ServiceLifecycle

/// Keeps the serving snapshot in step with the database (devices or models changed by another process).
struct ReloadService: Service {
  let core: ServerCore

  func run() async throws {
    await cancelWhenGracefulShutdown {
      while !Task.isCancelled {
        do {
          try await core.reload()
        } catch {
          core.logger.error("reloading devices and models failed: \(error)")
        }
        try? await Task.sleep(for: core.configuration.reloadInterval)
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
