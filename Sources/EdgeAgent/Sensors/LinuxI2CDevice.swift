#if canImport(Glibc)
  import Glibc

  /// A device on a Linux I²C bus through i2c-dev: `open("/dev/i2c-N")`, `ioctl(I2C_SLAVE, address)`, then
  /// plain `write` and `read`.
  public final class LinuxI2CDevice: I2CDevice {
    /// `I2C_SLAVE` from `<linux/i2c-dev.h>`: selects the address later reads and writes go to.
    static let selectAddress: UInt = 0x0703

    /// The bus file, e.g. `/dev/i2c-1`.
    public let path: String
    /// The 7-bit device address (0x68 for an MPU6050 with AD0 low).
    public let address: UInt8
    private let fd: Int32

    /// Opens bus `bus` and selects `address`.
    public init(bus: Int, address: UInt8) throws(I2CError) {
      path = "/dev/i2c-\(bus)"
      self.address = address
      fd = open(path, O_RDWR | O_CLOEXEC)
      guard fd >= 0 else { throw .system(FileIOError("open", path: path)) }
      guard ioctl(fd, LinuxI2CDevice.selectAddress, CInt(address)) >= 0 else {
        let error = FileIOError("ioctl(I2C_SLAVE) on", path: path)
        close(fd)
        throw .system(error)
      }
    }

    deinit {
      close(fd)
    }

    /// Writes `bytes` in one transfer.
    public func write(_ bytes: [UInt8]) throws(I2CError) {
      let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      guard written >= 0 else { throw .system(FileIOError("write", path: path)) }
      guard written == bytes.count else {
        throw .shortTransfer(operation: "write", expected: bytes.count, transferred: written)
      }
    }

    /// Writes `bytes`, then reads `count` bytes.
    public func writeRead(_ bytes: [UInt8], count: Int) throws(I2CError) -> [UInt8] {
      try write(bytes)
      var buffer = [UInt8](repeating: 0, count: count)
      let received = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      guard received >= 0 else { throw .system(FileIOError("read", path: path)) }
      guard received == count else {
        throw .shortTransfer(operation: "read", expected: count, transferred: received)
      }
      return buffer
    }
  }
#endif
