/// What to simulate: sizes of the train, validation, test and marginal sets, the fleet and severities.
///
/// The defaults mirror the Python reference: 5000 normal training windows, 1000 validation, a test set
/// of 2000 normal and 2000 faulty windows (severity U(0.05, 1), modes in equal shares) and 1000 mild
/// "marginal" faults (severity U(0.1, 0.3)), drawn from 8 different 4-pole motors (1400–1800 rpm).
public struct SimulatedDatasetSpec: Codable, Hashable, Sendable {
  /// Master seed: the same spec gives the same bytes.
  public var seed: UInt64
  /// Window shape.
  public var format: WindowFormat
  /// Sensor; nil means an MPU6050 configured for `format`.
  public var sensor: SensorModel?
  /// Number of different machines the windows come from.
  public var machineCount: Int
  /// Range of the machines' shaft speeds in rpm; the default is a fleet of 4-pole motors on 50/60 Hz mains.
  public var shaftSpeedRPM: ClosedRange<Double>
  /// Normal training windows.
  public var trainCount: Int
  /// Normal validation windows.
  public var validationCount: Int
  /// Normal windows in the test set.
  public var testNormalCount: Int
  /// Faulty windows in the test set.
  public var testFaultCount: Int
  /// Mild faulty windows in the marginal set.
  public var marginalCount: Int
  /// Severity range of the test set's faults (uniform).
  public var testSeverity: ClosedRange<Float>
  /// Severity range of the marginal set's faults (uniform).
  public var marginalSeverity: ClosedRange<Float>
  /// Fault modes used, in equal shares.
  public var faultModes: [FaultMode]
  /// Running time between two recorded windows of one machine, in seconds (uniform).
  public var recordingGapSeconds: ClosedRange<Double>

  /// A spec; every parameter has the reference's default.
  public init(
    seed: UInt64 = 1234, format: WindowFormat = .lesson, sensor: SensorModel? = nil, machineCount: Int = 8,
    shaftSpeedRPM: ClosedRange<Double> = 1400...1800,
    trainCount: Int = 5000, validationCount: Int = 1000, testNormalCount: Int = 2000,
    testFaultCount: Int = 2000,
    marginalCount: Int = 1000, testSeverity: ClosedRange<Float> = 0.05...1,
    marginalSeverity: ClosedRange<Float> = 0.1...0.3, faultModes: [FaultMode] = FaultMode.allCases,
    recordingGapSeconds: ClosedRange<Double> = 5...120
  ) {
    precondition(machineCount > 0, "a dataset needs at least one machine")
    precondition(
      !faultModes.isEmpty || testFaultCount + marginalCount == 0, "faulty windows need fault modes")
    precondition(
      [testSeverity, marginalSeverity].allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= 1 },
      "severities lie in 0…1")
    precondition(
      [trainCount, validationCount, testNormalCount, testFaultCount, marginalCount].allSatisfy { $0 >= 0 })
    self.seed = seed
    self.format = format
    self.sensor = sensor
    self.machineCount = machineCount
    self.shaftSpeedRPM = shaftSpeedRPM
    self.trainCount = trainCount
    self.validationCount = validationCount
    self.testNormalCount = testNormalCount
    self.testFaultCount = testFaultCount
    self.marginalCount = marginalCount
    self.testSeverity = testSeverity
    self.marginalSeverity = marginalSeverity
    self.faultModes = faultModes
    self.recordingGapSeconds = recordingGapSeconds
  }

  /// The fleet the windows come from: `machineCount` random profiles derived from the seed.
  public var machines: [MachineProfile] {
    (0..<machineCount).map { index in
      var random = SeededGenerator(seed: seed, stream: 0x464C_4545_5400 + UInt64(index))
      return MachineProfile.random(
        seed: random.next(), name: "machine-\(index + 1)", shaftSpeedRPM: shaftSpeedRPM)
    }
  }
}
