/// A fake model format for OTA tests: the payload's first byte is a gain, and the "MSE" of a window is
/// gain × mean of its squares, so a self-test can tell models apart.
enum FakeModel {
  static func payload(gain: UInt8, size: Int = 2_000) -> [UInt8] {
    [gain] + (1..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(gain)) }
  }

  static func mse(_ payload: [UInt8], _ window: [Float]) -> Float {
    Float(payload[0]) * window.map { $0 * $0 }.reduce(0, +) / Float(window.count)
  }

  static let selfTestWindows: [[Float]] = [
    (0..<30).map { Float($0) / 30 }, (0..<30).map { Float($0 % 5) / 4 - 0.5 },
  ]
}
