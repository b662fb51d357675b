/// The MPU6050 registers the driver uses (InvenSense register map RM-MPU-6000A-00 rev 4.2).
public enum MPU6050Register: UInt8, Sendable, CaseIterable {
  /// Sample rate = gyroscope output rate / (1 + this).
  case sampleRateDivider = 0x19
  /// `DLPF_CFG` in bits 2:0: the digital low-pass filter.
  case configuration = 0x1A
  /// Gyroscope full scale (left at ±250 °/s).
  case gyroConfiguration = 0x1B
  /// `AFS_SEL` in bits 4:3: accelerometer full scale.
  case accelerometerConfiguration = 0x1C
  /// Which sensors feed the FIFO (`ACCEL_FIFO_EN` is bit 3).
  case fifoEnable = 0x23
  /// Interrupt enables (`FIFO_OFLOW_EN` is bit 4).
  case interruptEnable = 0x38
  /// Interrupt status, cleared by reading (`FIFO_OFLOW_INT` bit 4, `DATA_RDY_INT` bit 0).
  case interruptStatus = 0x3A
  /// First of six bytes: X, Y, Z acceleration as big-endian int16.
  case accelerometerXHigh = 0x3B
  /// `FIFO_EN` (bit 6) and `FIFO_RESET` (bit 2).
  case userControl = 0x6A
  /// `DEVICE_RESET` (bit 7), `SLEEP` (bit 6), `CLKSEL` (bits 2:0).
  case powerManagement1 = 0x6B
  /// First of two bytes: bytes waiting in the FIFO, big-endian.
  case fifoCountHigh = 0x72
  /// Reading it pops FIFO bytes.
  case fifoReadWrite = 0x74
  /// Reads 0x68 on an MPU6050.
  case whoAmI = 0x75
}

extension MPU6050Register {
  /// `WHO_AM_I` of a genuine MPU6050.
  public static let expectedIdentity: UInt8 = 0x68
  /// `PWR_MGMT_1`: awake (`SLEEP` clear), clock from the X gyroscope PLL (`CLKSEL` = 1), as the datasheet advises.
  public static let wakeWithGyroClock: UInt8 = 0x01
  /// `FIFO_EN`: only the accelerometer feeds the FIFO.
  public static let accelerometerIntoFIFO: UInt8 = 0x08
  /// `USER_CTRL`: `FIFO_RESET`.
  public static let fifoReset: UInt8 = 0x04
  /// `USER_CTRL`: `FIFO_EN`.
  public static let fifoOn: UInt8 = 0x40
  /// `INT_ENABLE` and `INT_STATUS`: FIFO overflow.
  public static let fifoOverflow: UInt8 = 0x10
  /// FIFO size in bytes.
  public static let fifoCapacity = 1024
}
