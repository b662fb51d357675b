import ArgumentParser
import CloudServer
import Foundation
import Logging
import NIOCore
import NIOPosix

/// `edgehybrid serve`: the cloud tier.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the cloud server: /classify, model registry and OTA, escalation store, metrics.",
    discussion: """
      Every flag can also be set by an environment variable (flags win): EDGEHYBRID_HOST,
      EDGEHYBRID_PORT, EDGEHYBRID_DATA_DIR, EDGEHYBRID_ALLOW_ANONYMOUS_DEVICES=1,
      EDGEHYBRID_ADMIN_TOKEN, EDGEHYBRID_BODY_LIMIT, EDGEHYBRID_TLS_CERT, EDGEHYBRID_TLS_KEY,
      EDGEHYBRID_LOG_LEVEL, EDGEHYBRID_MQTT.

      The lesson's ESP32 firmware sends no token: start with --allow-anonymous-devices for it.
      Register other devices with 'edgehybrid devices add <id>'. Admin routes take the token in
      <data dir>/admin-token (generated on first start) unless one is given.
      SIGTERM or Ctrl-C stops gracefully: in-flight requests finish and every accepted
      escalation is committed before exit.

        edgehybrid serve --allow-anonymous-devices
        edgehybrid serve --mqtt mqtt://127.0.0.1:1883     (fleet dashboard at http://127.0.0.1:8000/)
        edgehybrid serve --host 0.0.0.0 --port 8443 --tls-cert cert.pem --tls-key key.pem
      """)

  @Option(help: "Address to bind; 0.0.0.0 for every interface. Default: 127.0.0.1")
  var host: String?

  @Option(help: "TCP port; 0 picks a free one. Default: 8000")
  var port: Int?

  @OptionGroup var data: DataDirectoryOption

  @Flag(help: "Accept device requests without a bearer token (the lesson's firmware).")
  var allowAnonymousDevices = false

  @Option(
    help:
      "Admin token (prefer EDGEHYBRID_ADMIN_TOKEN: flags are visible in ps). Default: <data dir>/admin-token")
  var adminToken: String?

  @Option(help: "Largest accepted request body in bytes. Default: 65536")
  var bodyLimit: Int?

  @Option(help: "PEM certificate chain; with --tls-key serves HTTPS.")
  var tlsCert: String?

  @Option(help: "PEM private key for --tls-cert.")
  var tlsKey: String?

  @Option(help: "trace, debug, info, notice, warning, error or critical. Default: info")
  var logLevel: String?

  @Option(
    help:
      "MQTT broker whose edge-ai/device/+/# telemetry feeds the fleet dashboard (mqtt://host:port). Default: none (fed in-process)"
  )
  var mqtt: String?

  @Option(help: "Write the bound port to this file once listening (for scripts and tests).")
  var portFile: String?

  @OptionGroup(title: "Retraining (on when --training-windows is given)") var retraining:
    ServeRetrainingOptions

  func run() async throws {
    // Run Swift Concurrency jobs on the NIO event loops: request handlers then stay on the thread
    // that owns their socket instead of hopping to the cooperative pool and back.
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    // StreamLogHandler's output, without re-rendering metadata on every request's request id.
    LoggingSystem.bootstrap(DeferredMetadataLogHandler.standardError)
    let level = logLevel ?? ServeEnvironment.value("LOG_LEVEL") ?? "info"
    guard let logLevel = Logger.Level(rawValue: level) else {
      throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
    }
    let configuration = ServerConfiguration(
      host: host ?? ServeEnvironment.value("HOST") ?? "127.0.0.1",
      port: try port ?? ServeEnvironment.integer("PORT") ?? 8000, dataDirectory: data.url,
      allowAnonymousDevices: allowAnonymousDevices || ServeEnvironment.flag("ALLOW_ANONYMOUS_DEVICES"),
      adminToken: adminToken ?? ServeEnvironment.value("ADMIN_TOKEN"),
      bodyLimit: try bodyLimit ?? ServeEnvironment.integer("BODY_LIMIT") ?? 64 * 1024,
      tlsCertificateFile: (tlsCert ?? ServeEnvironment.value("TLS_CERT")).map { URL(fileURLWithPath: $0) },
      tlsKeyFile: (tlsKey ?? ServeEnvironment.value("TLS_KEY")).map { URL(fileURLWithPath: $0) },
      scorerLoader: AutoencoderScorer.load, logLevel: logLevel,
      telemetryBroker: try (mqtt ?? ServeEnvironment.value("MQTT")).map {
        try TelemetryBroker.configuration(url: $0)
      },
      retraining: try retraining.settings())
    let server = try await CloudServer.open(configuration)
    let portFile = portFile
    try await server.run { port in
      if let portFile {
        try? Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
      }
    }
  }
}
