import EdgeCore

/// Windows from an MPU6050 read through its FIFO, so the sensor's own clock paces the samples; a FIFO
/// overflow (the reader fell behind) discards the window in progress, since a window must be contiguous.
public struct MPU6050Source<Device: I2CDevice>: SensorSource {
  /// The shape of the windows (3 axes at the configured rate).
  public let layout: SignalLayout
  /// Windows discarded because the FIFO overflowed.
  public private(set) var overflows = 0
  private var sensor: MPU6050<Device>
  private let pollInterval: Duration
  private let pause: (Duration) async -> Void
  private var pending: [Float] = []

  /// Configures the sensor behind `device` and starts its FIFO; `pause` waits between polls (a clock sleep
  /// in service, nothing in tests).
  public init(
    device: Device, configuration: MPU6050Configuration = MPU6050Configuration(), samplesPerWindow: Int = 100,
    pollInterval: Duration = .milliseconds(50),
    pause: @escaping (Duration) async -> Void = { try? await Task.sleep(for: $0) }
  ) throws(MPU6050Error) {
    sensor = MPU6050(device: device, configuration: configuration)
    try sensor.configure()
    try sensor.enableFIFO()
    layout = SignalLayout(
      samplesPerWindow: samplesPerWindow, axes: 3, sampleRateHz: Float(configuration.sampleRateHz))
    self.pollInterval = pollInterval
    self.pause = pause
    pending.reserveCapacity(layout.valuesPerWindow)
  }

  /// Waits for the next full window of contiguous samples.
  public mutating func nextWindow(into window: inout [Float]) async throws(MPU6050Error) -> Bool {
    let needed = layout.samplesPerWindow
    while pending.count < layout.valuesPerWindow {
      switch try sensor.drainFIFO(into: &pending, maximumSamples: needed - pending.count / 3) {
      case .overflowed:
        overflows += 1
        pending.removeAll(keepingCapacity: true)
      case .samples(let count):
        if count == 0 || pending.count < layout.valuesPerWindow { await pause(pollInterval) }
      }
    }
    window.withUnsafeMutableBufferPointer { destination in
      for i in 0..<layout.valuesPerWindow { destination[i] = pending[i] }
    }
    pending.removeAll(keepingCapacity: true)
    return true
  }
}
