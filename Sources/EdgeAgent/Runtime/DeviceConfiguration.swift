import EdgeCore
import Foundation

/// How a device runs: identity, files, tiers, schedules and limits. Times are in device-clock milliseconds,
/// so a fleet in virtual time compresses them with the machines.
public struct DeviceConfiguration: Sendable {
  /// What the loop does when every escalation slot is taken.
  public enum Saturation: Sendable, Equatable {
    /// Decide by the closer threshold and queue the window: a real sensor cannot wait.
    case fallBack
    /// Wait for a slot: a simulated sensor in virtual time can.
    case wait
  }

  /// The device id (MQTT topic level, `device_id` of requests).
  public var deviceID: String
  /// Directory of the model slots and the escalation queue.
  public var dataDirectory: String
  /// Which tier decides.
  public var mode: DecisionMode
  /// Waits after cloud failures (lesson: 1, 2, 4 … 30 min).
  public var backoff: BackoffPolicy
  /// Escalations in flight at once.
  public var maximumInFlight: Int
  /// What happens beyond `maximumInFlight`.
  public var saturation: Saturation
  /// Escalations kept while the cloud is away; beyond it the oldest expire.
  public var queueCapacity: Int
  /// Milliseconds between OTA checks (the first is at boot); nil: never.
  public var otaIntervalMS: UInt64?
  /// Milliseconds between feature summaries posted to `/summary` (the lesson's exercise 4); nil: none.
  public var summaryIntervalMS: UInt64?
  /// Milliseconds between status messages.
  public var statusIntervalMS: UInt64
  /// Publish every n-th normal decision on `inference` (anomalies always). Default 1, the lesson's every
  /// decision: at 2 windows/s a device sends about 300 B/s, nothing for a broker, and a dashboard sees each
  /// one. A fleet samples (the simulator runs many windows a second); `status` carries exact counts anyway.
  public var inferenceEvery: Int
  /// Thresholds that replace the model's (zone experiments); nil: the model's or its manifest's.
  public var thresholdsOverride: ZoneThresholds?
  /// Seed of the backoff jitter draws.
  public var seed: UInt64
  /// Limits of model updates.
  public var ota: OTAConfiguration

  /// A configuration; defaults are the lesson's: hybrid, 1–30 min backoff, OTA every 30 min, status every
  /// 30 s, every decision published, a 20-value feature summary every minute.
  public init(
    deviceID: String, dataDirectory: String, mode: DecisionMode = .hybrid, backoff: BackoffPolicy = .lesson,
    maximumInFlight: Int = 4, saturation: Saturation = .fallBack, queueCapacity: Int = 10_000,
    otaIntervalMS: UInt64? = 30 * 60_000, statusIntervalMS: UInt64 = 30_000, inferenceEvery: Int = 1,
    thresholdsOverride: ZoneThresholds? = nil, seed: UInt64 = 1, ota: OTAConfiguration = OTAConfiguration(),
    summaryIntervalMS: UInt64? = 60_000
  ) {
    self.deviceID = deviceID
    self.dataDirectory = dataDirectory
    self.mode = mode
    self.backoff = backoff
    self.maximumInFlight = max(1, maximumInFlight)
    self.saturation = saturation
    self.queueCapacity = max(1, queueCapacity)
    self.otaIntervalMS = otaIntervalMS
    self.statusIntervalMS = max(1, statusIntervalMS)
    self.inferenceEvery = max(1, inferenceEvery)
    self.thresholdsOverride = thresholdsOverride
    self.seed = seed
    self.ota = ota
    self.summaryIntervalMS = summaryIntervalMS.map { max(1, $0) }
  }
}
