import EdgeAgent
import EdgeCore

/// What a fleet run simulates: how many devices, for how long, in which mode and zone, how fast.
public struct FleetConfiguration: Sendable {
  /// Simulated devices, each watching its own machine.
  public var devices: Int
  /// Windows each device reads (0.5 s of machine time each at the lesson's 100 samples at 200 Hz).
  public var windowsPerDevice: Int
  /// Which tier decides.
  public var mode: DecisionMode
  /// Zone multipliers (k_low, k_high) applied to the served model's μ and σ; nil: the model's thresholds.
  public var zone: (kLow: Double, kHigh: Double)?
  /// Machine time per real time when paced (1 = real time); nil: virtual time, as fast as the host goes.
  public var speed: Double?
  /// Fraction of the devices whose machine develops a fault during the run.
  public var faultFraction: Double
  /// Seeds machines, fault schedules and device jitter.
  public var seed: UInt64
  /// Parent directory of the devices' data directories.
  public var dataDirectory: String
  /// Escalations in flight per device.
  public var maximumInFlight: Int
  /// Publish every n-th normal decision on `inference` (anomalies always; status carries exact counts).
  public var inferenceEvery: Int
  /// Waits after cloud failures, in machine time.
  public var backoff: BackoffPolicy
  /// Machine-time milliseconds between OTA checks.
  public var otaIntervalMS: UInt64
  /// Machine-time milliseconds between status messages.
  public var statusIntervalMS: UInt64

  /// A configuration: 10 hybrid devices for 10 machine-minutes in virtual time, half of them developing a
  /// fault; the lesson's backoff, OTA every 30 min, status every 30 s, every 10th normal decision published.
  public init(
    devices: Int = 10, windowsPerDevice: Int = 1200, mode: DecisionMode = .hybrid,
    zone: (kLow: Double, kHigh: Double)? = nil, speed: Double? = nil, faultFraction: Double = 0.5,
    seed: UInt64 = 1, dataDirectory: String, maximumInFlight: Int = 4, inferenceEvery: Int = 10,
    backoff: BackoffPolicy = .lesson, otaIntervalMS: UInt64 = 30 * 60_000, statusIntervalMS: UInt64 = 30_000
  ) {
    self.devices = max(1, devices)
    self.windowsPerDevice = max(1, windowsPerDevice)
    self.mode = mode
    self.zone = zone
    self.speed = speed
    self.faultFraction = min(max(faultFraction, 0), 1)
    self.seed = seed
    self.dataDirectory = dataDirectory
    self.maximumInFlight = max(1, maximumInFlight)
    self.inferenceEvery = max(1, inferenceEvery)
    self.backoff = backoff
    self.otaIntervalMS = otaIntervalMS
    self.statusIntervalMS = statusIntervalMS
  }
}
