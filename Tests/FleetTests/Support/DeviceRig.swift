import AsyncHTTPClient
import EdgeAgent
import EdgeCore
import Foundation
import Synchronization
import Wire

/// One device under test: its own data directory, a virtual clock, its telemetry and decisions recorded.
final class DeviceRig: Sendable {
  let directory: String
  let clock = VirtualClock()
  let events = Mutex<[TelemetryEvent]>([])
  let outcomes = Mutex<[WindowOutcome]>([])

  init(directory: String = NSTemporaryDirectory() + "fleet-device-\(UUID().uuidString)") {
    self.directory = directory
  }

  /// A runtime for `cloud` (nil: no server): 1 s request timeout, backoff 2 s doubling to 8 s of device time,
  /// two escalations in flight.
  func start(
    cloud: TestCloud?, client: HTTPClient, thresholds: ZoneThresholds? = nil, otaIntervalMS: UInt64? = nil,
    builtIn: ModelImage? = nil, pinnedKey: [UInt8]? = nil, summaryIntervalMS: UInt64? = nil
  ) async throws -> DeviceRuntime {
    let sink = InProcessTelemetrySink { [self] event in events.withLock { $0.append(event) } }
    let configuration = DeviceConfiguration(
      deviceID: "rig-1", dataDirectory: directory,
      backoff: try BackoffPolicy(baseMilliseconds: 2_000, maximumMilliseconds: 8_000), maximumInFlight: 2,
      saturation: .wait, otaIntervalMS: otaIntervalMS, statusIntervalMS: 5_000, thresholdsOverride: thresholds,
      summaryIntervalMS: summaryIntervalMS)
    return try await DeviceRuntime.start(
      configuration: configuration,
      connection: cloud.map {
        CloudConnection(
          client: client, endpoint: CloudEndpoint(baseURL: $0.url, deviceID: "rig-1", timeout: .seconds(1)))
      },
      telemetry: DeviceTelemetry(deviceID: "rig-1", sink: sink, clock: clock), clock: clock, builtIn: builtIn,
      pinnedKey: pinnedKey
    ) { [self] outcome in outcomes.withLock { $0.append(outcome) } }
  }

  /// Every decision so far.
  var decided: [WindowOutcome] { outcomes.withLock { $0 } }

  func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
