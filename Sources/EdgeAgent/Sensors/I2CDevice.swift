/// One device on an I²C bus (a bus file plus a 7-bit address), so a driver's register logic runs against a
/// Linux `/dev/i2c-N` or a recorded fake alike.
public protocol I2CDevice {
  /// Writes `bytes` (a register address, then values) in one transfer.
  mutating func write(_ bytes: [UInt8]) throws(I2CError)
  /// Writes `bytes` (a register address), then reads `count` bytes from there on.
  mutating func writeRead(_ bytes: [UInt8], count: Int) throws(I2CError) -> [UInt8]
}
