/// The MPU6050 accelerometer's register logic: identify, wake and configure it, then read acceleration by
/// burst read or from its FIFO. Bus access goes through `I2CDevice`, so the logic is tested on recorded bytes.
public struct MPU6050<Device: I2CDevice> {
  /// The bus device.
  public private(set) var device: Device
  /// The settings `configure` applies.
  public let configuration: MPU6050Configuration

  /// A driver for the sensor behind `device`; nothing is sent before `configure`.
  public init(device: Device, configuration: MPU6050Configuration = MPU6050Configuration()) {
    self.device = device
    self.configuration = configuration
  }

  /// Checks `WHO_AM_I`, wakes the sensor on the gyroscope clock, sets filter, sample rate and range, and reads
  /// the settings back.
  public mutating func configure() throws(MPU6050Error) {
    guard let divider = configuration.sampleRateDivider else {
      throw .unsupportedSampleRate(configuration.sampleRateHz)
    }
    let identity = try readRegisters(.whoAmI, count: 1)[0]
    guard identity == MPU6050Register.expectedIdentity else { throw .unexpectedIdentity(identity) }
    try writeRegister(.powerManagement1, MPU6050Register.wakeWithGyroClock)
    try writeRegister(.configuration, configuration.lowPass.rawValue)
    try writeRegister(.sampleRateDivider, divider)
    try writeRegister(.accelerometerConfiguration, configuration.range.rawValue << 3)
    let applied = try readRegisters(.sampleRateDivider, count: 4)
    let expected: [(MPU6050Register, UInt8, UInt8)] = [
      (.sampleRateDivider, divider, applied[0]),
      (.configuration, configuration.lowPass.rawValue, applied[1] & 0x07),
      (.accelerometerConfiguration, configuration.range.rawValue << 3, applied[3] & 0x18),
    ]
    for (register, wrote, read) in expected where wrote != read {
      throw .notApplied(register: register, wrote: wrote, read: read)
    }
  }

  /// One sample: the six acceleration bytes in one burst, as (x, y, z) in g.
  public mutating func readAcceleration() throws(MPU6050Error) -> (x: Float, y: Float, z: Float) {
    let bytes = try readRegisters(.accelerometerXHigh, count: 6)
    let scale = configuration.range.countsPerG
    return (
      Float(MPU6050.bigEndian(bytes[0], bytes[1])) / scale,
      Float(MPU6050.bigEndian(bytes[2], bytes[3])) / scale,
      Float(MPU6050.bigEndian(bytes[4], bytes[5])) / scale
    )
  }

  /// Routes the accelerometer into an emptied FIFO and enables the overflow flag.
  public mutating func enableFIFO() throws(MPU6050Error) {
    try writeRegister(.fifoEnable, 0)
    try writeRegister(.userControl, MPU6050Register.fifoReset)
    try writeRegister(.interruptEnable, MPU6050Register.fifoOverflow)
    try writeRegister(.fifoEnable, MPU6050Register.accelerometerIntoFIFO)
    try writeRegister(.userControl, MPU6050Register.fifoOn)
  }

  /// Moves up to `maximumSamples` whole samples from the FIFO to the end of `samples` (x, y, z in g each).
  /// On overflow (samples were lost, and the byte stream may be misaligned) the FIFO is emptied and
  /// restarted, nothing is appended, and `.overflowed` says the stream has a gap.
  public mutating func drainFIFO(into samples: inout [Float], maximumSamples: Int) throws(MPU6050Error)
    -> FIFORead
  {
    let status = try readRegisters(.interruptStatus, count: 1)[0]
    let countBytes = try readRegisters(.fifoCountHigh, count: 2)
    let waiting = Int(countBytes[0]) << 8 | Int(countBytes[1])
    if status & MPU6050Register.fifoOverflow != 0 || waiting >= MPU6050Register.fifoCapacity {
      try writeRegister(.userControl, MPU6050Register.fifoReset | MPU6050Register.fifoOn)
      return .overflowed
    }
    let frames = min(waiting / 6, maximumSamples)
    guard frames > 0 else { return .samples(0) }
    let bytes = try readRegisters(.fifoReadWrite, count: frames * 6)
    let scale = configuration.range.countsPerG
    for frame in 0..<frames {
      for axis in 0..<3 {
        let offset = frame * 6 + axis * 2
        samples.append(Float(MPU6050.bigEndian(bytes[offset], bytes[offset + 1])) / scale)
      }
    }
    return .samples(frames)
  }

  private mutating func writeRegister(_ register: MPU6050Register, _ value: UInt8) throws(MPU6050Error) {
    do { try device.write([register.rawValue, value]) } catch { throw .bus(error) }
  }

  private mutating func readRegisters(_ first: MPU6050Register, count: Int) throws(MPU6050Error) -> [UInt8] {
    do { return try device.writeRead([first.rawValue], count: count) } catch { throw .bus(error) }
  }

  private static func bigEndian(_ high: UInt8, _ low: UInt8) -> Int16 {
    Int16(bitPattern: UInt16(high) << 8 | UInt16(low))
  }
}
