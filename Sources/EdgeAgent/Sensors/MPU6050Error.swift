/// Why the MPU6050 cannot be used.
public enum MPU6050Error: Error, Equatable, Sendable, CustomStringConvertible {
  /// The bus transfer failed.
  case bus(I2CError)
  /// `WHO_AM_I` is not 0x68: another chip (an MPU6500 says 0x70) or a wrong address.
  case unexpectedIdentity(UInt8)
  /// The sample rate is not 1000 Hz divided by 1…256.
  case unsupportedSampleRate(Int)
  /// A setting read back differs from the one written.
  case notApplied(register: MPU6050Register, wrote: UInt8, read: UInt8)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .bus(let error): "\(error)"
    case .unexpectedIdentity(let value):
      "WHO_AM_I reads 0x\(String(value, radix: 16)), an MPU6050 reads 0x68; check the chip and the address"
    case .unsupportedSampleRate(let rate):
      "\(rate) Hz is not 1000 Hz divided by 1…256; choose e.g. 100, 200, 250 or 500 Hz"
    case .notApplied(let register, let wrote, let read):
      "register \(register) reads 0x\(String(read, radix: 16)) after writing 0x\(String(wrote, radix: 16)); "
        + "check the power and the wiring"
    }
  }
}
