import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The cloud tier: `/classify`, the model registry and the escalation store, in one Hummingbird server.
///
/// Open it on a data directory, then `run()` it (until SIGTERM/SIGINT) or `start()` it (tests,
/// benchmarks, the demo). Shutdown is graceful: the listener stops, in-flight requests finish,
/// the group-commit queue is flushed, then the database closes.
public struct CloudServer: Sendable {
  /// File in the data directory that holds the generated admin token.
  public static let adminTokenFileName = "admin-token"

  /// Seconds a keep-alive connection may stay idle before the server closes it.
  public static let idleTimeoutSeconds: Int64 = 60
  /// The `Server` header of every response.
  static let serverName = "edgehybrid"

  let core: ServerCore
  private let database: SQLiteDatabase

  /// The configuration it was opened with.
  public var configuration: ServerConfiguration { core.configuration }
  /// The model registry (for the retraining loop).
  public var registry: ModelRegistry { core.registry }
  /// The escalation store (for the retraining loop and exports).
  public var escalations: any EscalationStore { core.escalations }
  /// The device list.
  public var devices: any DeviceStore { core.devices }
  /// Its metrics.
  public var metrics: ServerMetrics { core.metrics }
  /// The live fleet picture behind the dashboard; feed it here when no MQTT broker is configured.
  public var fleet: FleetState { core.fleet }
  /// The admin token in force.
  public let adminToken: String
  /// The retraining loop, when the configuration asks for one.
  public let retrainer: Retrainer?

  /// Opens the data directory (database, signing key, admin token) and loads the registered models.
  public static func open(_ configuration: ServerConfiguration, logger: Logger? = nil) async throws
    -> CloudServer
  {
    var logger = logger ?? Logger(label: "edgehybrid.server")
    logger.logLevel = configuration.logLevel
    _ = try configuration.tlsFiles()
    let data = try DataDirectory(configuration.dataDirectory)
    let adminToken = try data.adminToken(given: configuration.adminToken, logger: logger)
    let metrics = ServerMetrics()
    let store = SQLiteEscalationStore(
      database: data.database, maximumBatch: configuration.maximumCommitBatch,
      observer: { size, duration in metrics.recordBatch(size: size, duration: duration) })
    let core = ServerCore(
      configuration: configuration, escalations: store, devices: SQLiteDeviceStore(database: data.database),
      registry: data.registry, metrics: metrics, adminToken: adminToken, logger: logger)
    try await core.reload(force: true)
    return CloudServer(
      core: core, database: data.database, adminToken: adminToken, retrainer: core.makeRetrainer())
  }

  /// Builds the Hummingbird application; `onRunning` receives the bound port.
  public func makeApplication(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws
    -> some ApplicationProtocol
  {
    let router = Router()
    router.add(middleware: RequestObserverMiddleware(metrics: core.metrics))
    core.addDeviceRoutes(to: router)
    core.addModelRoutes(to: router)
    core.addOperationsRoutes(to: router)
    core.addAdminRoutes(to: router)
    core.addFleetRoutes(to: router)
    core.addDashboardRoutes(to: router)
    core.addRetrainingRoutes(to: router, retrainer: retrainer)
    let core = core
    let database = database
    let logger = core.logger
    let scheme = configuration.tlsCertificateFile == nil ? "http" : "https"
    return Application(
      router: router, server: try httpServer(),
      configuration: ApplicationConfiguration(
        address: .hostname(configuration.host, port: configuration.port), serverName: Self.serverName),
      services: [
        StoreService(core: core) {
          await core.escalations.close()
          try? database.close()
        },
        PeriodicService(
          interval: configuration.reloadInterval, logger: logger,
          failure: "reloading devices and models failed"
        ) { try await core.reload() },
      ] + retrainingServices + core.fleetServices(),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        logger.info("listening on \(scheme)://\(core.configuration.host):\(port)")
        await onRunning(port)
      }, logger: logger)
  }

  private var retrainingServices: [any Service] {
    guard let retrainer, configuration.retraining?.automatic == true else { return [] }
    return [
      PeriodicService(
        interval: retrainer.trigger.checkInterval, logger: core.logger, failure: "retraining loop"
      ) {
        try await retrainer.tick()
      }
    ]
  }

  /// Runs until SIGTERM or SIGINT, then shuts down gracefully.
  public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [try makeApplication(onRunning: onRunning)], gracefulShutdownSignals: [.sigterm, .sigint],
        logger: core.logger))
    try await group.run()
  }

  /// Starts serving in the background and returns once the port is bound.
  public func start() async throws -> RunningServer {
    let (ports, continuation) = AsyncThrowingStream.makeStream(of: Int.self)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [try makeApplication { port in continuation.yield(port) }], logger: core.logger))
    let task = Task {
      do {
        try await group.run()
        continuation.finish()
      } catch {
        continuation.finish(throwing: error)
        throw error
      }
    }
    for try await port in ports {
      return RunningServer(port: port, group: group, task: task)
    }
    _ = try await task.value
    throw StoreError.cannotOpen(
      path: configuration.dataDirectory.path, reason: "the server stopped before listening")
  }

  private func httpServer() throws -> HTTPServerBuilder {
    let core = core
    // The idle timeout is kept by the /classify handler, which alone sees every request (see its doc).
    let http1 = HTTPServerBuilder.http1(
      configuration: HTTP1Channel.Configuration(
        additionalChannelHandlers: [
          ClassifyChannelHandler(
            core: core, serverName: Self.serverName, idleTimeout: .seconds(Self.idleTimeoutSeconds))
        ], idleTimeout: nil))
    guard let (certificate, key) = try configuration.tlsFiles() else { return http1 }
    let chain = try NIOSSLCertificate.fromPEMFile(certificate.path).map {
      NIOSSLCertificateSource.certificate($0)
    }
    let tls = TLSConfiguration.makeServerConfiguration(
      certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key.path, format: .pem)))
    return try .tls(http1, tlsConfiguration: tls)
  }
}

/// A server started with `CloudServer.start()`.
public struct RunningServer: Sendable {
  /// The bound TCP port.
  public let port: Int
  let group: ServiceGroup
  let task: Task<Void, any Error>

  /// Shuts down gracefully (stop listening, finish requests, flush the store) and waits for it.
  public func stop() async throws {
    await group.triggerGracefulShutdown()
    try await task.value
  }
}

/// Why the server could not be set up.
public enum ServerSetupError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Only one of certificate and key was given.
  case tlsNeedsBothFiles

  /// What is wrong and what to do.
  public var description: String {
    switch self {
    case .tlsNeedsBothFiles: "TLS needs both --tls-cert and --tls-key"
    }
  }
}
