import CloudServer
import Fleet
import Foundation
import Logging
import MQTT
import Wire

/// A cloud server started inside the command (fleet and experiments without `--server`): a fresh data
/// directory, the fleet's edge and cloud models registered and current, anonymous devices admitted.
struct LocalCloud {
  let server: CloudServer
  let running: RunningServer

  /// `http://127.0.0.1:<port>`.
  var url: String { "http://127.0.0.1:\(running.port)" }

  /// Registers `models` in `directory` and serves them on loopback `port` (0: a free one); telemetry from
  /// `telemetryBroker` when given, else fed in-process through `server.fleet`.
  /// `retraining` (nil: none) retrains the edge model inside the server and rolls it out to `canaryFraction` first.
  static func start(
    models: FleetModels, directory: URL, port: Int = 0, telemetryBroker: MQTTConfiguration? = nil,
    retraining: ServerRetraining? = nil, canaryFraction: Double = 0.1
  ) async throws -> LocalCloud {
    let data = try DataDirectory(directory)
    try await data.registry.addCloudModel(
      models.cloud, trainWindows: models.trainWindows, validationWindows: models.validationWindows,
      validationLabels: models.validationLabels)
    let fitted = models.edge.thresholds
    try await data.registry.addEdgeModel(
      tflite: Data(models.edge.tflite),
      thresholds: ThresholdsResponse(
        version: fitted.version, lowThreshold: fitted.lowThreshold, highThreshold: fitted.highThreshold,
        mu: fitted.mu, sigma: fitted.sigma, kLow: fitted.kLow, kHigh: fitted.kHigh),
      selfTest: models.selfTest.map { SelfTestCase(input: $0.input, expectedMSE: $0.mse) })
    try data.registry.files.storeEdgeFloatModel(
      models.edgeAutoencoder, forTFLite: Data(models.edge.tflite))
    try await data.registry.transitionEdge(version: fitted.version, to: .current, reason: "fleet models")
    try await data.registry.setCanaryFraction(canaryFraction)
    try data.database.close()
    let configuration = ServerConfiguration(
      port: port, dataDirectory: directory, allowAnonymousDevices: true, scorerLoader: AutoencoderScorer.load,
      logLevel: .warning, telemetryBroker: telemetryBroker, retraining: retraining)
    var logger = Logger(label: "edgehybrid.local-cloud")
    logger.logLevel = .warning
    let server = try await CloudServer.open(configuration, logger: logger)
    return LocalCloud(server: server, running: try await server.start())
  }

  /// Escalations the server stored.
  func storedEscalations() async throws -> Int { try await server.escalations.escalationCount() }

  /// Stops serving.
  func stop() async throws { try await running.stop() }
}
