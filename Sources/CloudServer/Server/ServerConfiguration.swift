import Foundation
import Logging
import MQTT

/// How a server runs: where it listens, where its data lives, and its security switches.
public struct ServerConfiguration: Sendable {
  /// Loads the weights of a registered cloud model: (its card, the weights file) → scorer.
  public typealias ScorerLoader = @Sendable (CloudModelCard, URL) throws -> any CloudScorer

  /// Address to bind (default 127.0.0.1; 0.0.0.0 for every interface).
  public var host: String
  /// TCP port (default 8000; 0 picks a free one).
  public var port: Int
  /// Directory holding the database, keys and model files (default `./edgehybrid-data`).
  public var dataDirectory: URL
  /// Accept device requests without a bearer token (the lesson's firmware).
  public var allowAnonymousDevices: Bool
  /// The admin token; nil reads `<data>/admin-token`, creating it on first start.
  public var adminToken: String?
  /// Largest accepted request body in bytes (default 64 KiB).
  public var bodyLimit: Int
  /// PEM certificate chain for TLS; TLS is on when both this and `tlsKeyFile` are set.
  public var tlsCertificateFile: URL?
  /// PEM private key for TLS.
  public var tlsKeyFile: URL?
  /// Most write jobs committed in one transaction.
  public var maximumCommitBatch: Int
  /// How often the server checks the database for device and model changes made by other processes.
  public var reloadInterval: Duration
  /// Turns a registered cloud model into a scorer.
  public var scorerLoader: ScorerLoader
  /// Log level of the server's logger.
  public var logLevel: Logger.Level
  /// The MQTT broker whose device telemetry feeds the fleet state; nil feeds it in-process (`CloudServer.fleet`).
  public var telemetryBroker: MQTTConfiguration?
  /// Stale limit, time buckets and history sizes of the fleet state.
  public var fleet: FleetConfiguration
  /// Retraining inside the server (nil: none; `edgehybrid retrain` can still run beside it).
  public var retraining: ServerRetraining?

  /// A configuration; every default is what `edgehybrid serve` uses without flags.
  public init(
    host: String = "127.0.0.1", port: Int = 8000,
    dataDirectory: URL = URL(fileURLWithPath: "edgehybrid-data"),
    allowAnonymousDevices: Bool = false, adminToken: String? = nil, bodyLimit: Int = 64 * 1024,
    tlsCertificateFile: URL? = nil, tlsKeyFile: URL? = nil, maximumCommitBatch: Int = 1024,
    reloadInterval: Duration = .seconds(1), scorerLoader: @escaping ScorerLoader,
    logLevel: Logger.Level = .info, telemetryBroker: MQTTConfiguration? = nil,
    fleet: FleetConfiguration = FleetConfiguration(),
    retraining: ServerRetraining? = nil
  ) {
    self.host = host
    self.port = port
    self.dataDirectory = dataDirectory
    self.allowAnonymousDevices = allowAnonymousDevices
    self.adminToken = adminToken
    self.bodyLimit = bodyLimit
    self.tlsCertificateFile = tlsCertificateFile
    self.tlsKeyFile = tlsKeyFile
    self.maximumCommitBatch = maximumCommitBatch
    self.reloadInterval = reloadInterval
    self.scorerLoader = scorerLoader
    self.logLevel = logLevel
    self.telemetryBroker = telemetryBroker
    self.fleet = fleet
    self.retraining = retraining
  }

  /// The certificate and key files when TLS is configured; throws when only one of them is given.
  public func tlsFiles() throws -> (certificate: URL, key: URL)? {
    switch (tlsCertificateFile, tlsKeyFile) {
    case (nil, nil): return nil
    case (let certificate?, let key?): return (certificate, key)
    default: throw ServerSetupError.tlsNeedsBothFiles
    }
  }
}
