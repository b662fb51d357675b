import EdgeCore
import Testing

@testable import EdgeAgent

@Suite struct MPU6050Tests {
  typealias Step = ScriptedI2CDevice.Transaction

  /// The register traffic of `configure()` for the lesson's settings, as a logic analyser would record it.
  static let configureSession: [Step] = [
    .read(register: 0x75, answer: [0x68]),
    .write([0x6B, 0x01]),
    .write([0x1A, 0x02]),
    .write([0x19, 0x04]),
    .write([0x1C, 0x00]),
    .read(register: 0x19, answer: [0x04, 0x02, 0x00, 0x00]),
  ]

  static let enableFIFOSession: [Step] = [
    .write([0x23, 0x00]), .write([0x6A, 0x04]), .write([0x38, 0x10]), .write([0x23, 0x08]),
    .write([0x6A, 0x40]),
  ]

  @Test func configureChecksIdentityWakesAndSetsFilterRateAndRange() throws {
    var sensor = MPU6050(device: ScriptedI2CDevice(Self.configureSession))
    try sensor.configure()
    #expect(sensor.device.finished)
  }

  @Test func dividerAndRangeFollowTheConfiguration() throws {
    let configuration = MPU6050Configuration(range: .g8, lowPass: .hz44, sampleRateHz: 100)
    #expect(configuration.sampleRateDivider == 9)
    var sensor = MPU6050(
      device: ScriptedI2CDevice([
        .read(register: 0x75, answer: [0x68]), .write([0x6B, 0x01]), .write([0x1A, 0x03]),
        .write([0x19, 0x09]),
        .write([0x1C, 0x10]), .read(register: 0x19, answer: [0x09, 0x03, 0x00, 0x10]),
      ]), configuration: configuration)
    try sensor.configure()
    #expect(sensor.device.finished)
  }

  @Test func otherChipIsRefused() {
    var sensor = MPU6050(device: ScriptedI2CDevice([.read(register: 0x75, answer: [0x70])]))
    #expect(throws: MPU6050Error.unexpectedIdentity(0x70)) { try sensor.configure() }
  }

  @Test func settingThatDidNotStickIsReported() {
    var session = Self.configureSession
    session[5] = .read(register: 0x19, answer: [0x04, 0x02, 0x00, 0x08])
    var sensor = MPU6050(device: ScriptedI2CDevice(session))
    #expect(throws: MPU6050Error.notApplied(register: .accelerometerConfiguration, wrote: 0, read: 8)) {
      try sensor.configure()
    }
  }

  @Test func impossibleSampleRatesAreRefusedBeforeAnyTraffic() {
    for rate in [0, 3, 2_000] {
      var sensor = MPU6050(
        device: ScriptedI2CDevice([]), configuration: MPU6050Configuration(sampleRateHz: rate))
      #expect(throws: MPU6050Error.unsupportedSampleRate(rate)) { try sensor.configure() }
    }
    #expect(MPU6050Configuration(sampleRateHz: 4).sampleRateDivider == 249)
  }

  @Test func burstReadConvertsBigEndianCountsToG() throws {
    var sensor = MPU6050(
      device: ScriptedI2CDevice([.read(register: 0x3B, answer: [0x40, 0x00, 0xE0, 0x00, 0x00, 0x10])]))
    let sample = try sensor.readAcceleration()
    #expect(sample.x == 1 && sample.y == -0.5 && sample.z == 16 / 16_384)
    var wide = MPU6050(
      device: ScriptedI2CDevice([.read(register: 0x3B, answer: [0x7F, 0xFF, 0x80, 0x00, 0x08, 0x00])]),
      configuration: MPU6050Configuration(range: .g16))
    let extremes = try wide.readAcceleration()
    #expect(extremes.x == 32_767 / 2_048 && extremes.y == -16 && extremes.z == 1)
  }

  @Test func enableFIFORoutesTheAccelerometerIntoAnEmptiedFIFO() throws {
    var sensor = MPU6050(device: ScriptedI2CDevice(Self.enableFIFOSession))
    try sensor.enableFIFO()
    #expect(sensor.device.finished)
  }

  @Test func fifoDrainTakesWholeSamplesOnly() throws {
    var sensor = MPU6050(
      device: ScriptedI2CDevice([
        .read(register: 0x3A, answer: [0x01]), .read(register: 0x72, answer: [0x00, 0x0E]),
        .read(
          register: 0x74, answer: [0x40, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x20, 0x00, 0x20, 0x00, 0x20, 0x00]),
      ]))
    var samples: [Float] = []
    #expect(try sensor.drainFIFO(into: &samples, maximumSamples: 10) == .samples(2))
    #expect(samples == [1, 0, -1, 0.5, 0.5, 0.5])
    #expect(sensor.device.finished)
  }

  @Test func fifoOverflowResetsTheFIFOAndReportsTheGap() throws {
    for (status, count) in [(UInt8(0x10), [UInt8(0x00), 0x60]), (0x00, [0x04, 0x00])] {
      var sensor = MPU6050(
        device: ScriptedI2CDevice([
          .read(register: 0x3A, answer: [status]), .read(register: 0x72, answer: count),
          .write([0x6A, 0x44]),
        ]))
      var samples: [Float] = []
      #expect(try sensor.drainFIFO(into: &samples, maximumSamples: 10) == .overflowed)
      #expect(samples.isEmpty && sensor.device.finished)
    }
  }

  @Test func sourceAssemblesContiguousWindowsAndDropsOneBrokenByAnOverflow() async throws {
    func frames(_ values: [Int16]) -> [UInt8] {
      values.flatMap {
        [UInt8(truncatingIfNeeded: UInt16(bitPattern: $0) >> 8), UInt8(truncatingIfNeeded: $0)]
      }
    }
    let window1 = frames([100, 200, 300, 400, 500, 600])
    var session = Self.configureSession + Self.enableFIFOSession
    session += [
      .read(register: 0x3A, answer: [0]), .read(register: 0x72, answer: [0, 6]),
      .read(register: 0x74, answer: Array(window1[0..<6])),
      .read(register: 0x3A, answer: [0]), .read(register: 0x72, answer: [0, 0]),
      .read(register: 0x3A, answer: [0]), .read(register: 0x72, answer: [0, 8]),
      .read(register: 0x74, answer: Array(window1[6..<12])),
      .read(register: 0x3A, answer: [0]), .read(register: 0x72, answer: [0, 6]),
      .read(register: 0x74, answer: frames([1, 1, 1])),
      .read(register: 0x3A, answer: [0x10]), .read(register: 0x72, answer: [0x04, 0x00]),
      .write([0x6A, 0x44]),
      .read(register: 0x3A, answer: [0]), .read(register: 0x72, answer: [0, 12]),
      .read(register: 0x74, answer: frames([7, 8, 9, 10, 11, 12])),
    ]
    var pauses = 0
    var source = try MPU6050Source(
      device: ScriptedI2CDevice(session), samplesPerWindow: 2, pause: { _ in pauses += 1 })
    #expect(source.layout == SignalLayout(samplesPerWindow: 2, axes: 3, sampleRateHz: 200))
    var window = [Float](repeating: 0, count: 6)
    #expect(try await source.nextWindow(into: &window))
    #expect(window == [100, 200, 300, 400, 500, 600].map { Float($0) / 16_384 })
    #expect(try await source.nextWindow(into: &window))
    #expect(window == [7, 8, 9, 10, 11, 12].map { Float($0) / 16_384 })
    #expect(source.overflows == 1)
    #expect(pauses == 3)
  }
}
