/// An I²C transfer that failed.
public enum I2CError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The system call failed (no such bus, no permission, no acknowledge from the address).
  case system(FileIOError)
  /// Fewer bytes moved than asked.
  case shortTransfer(operation: String, expected: Int, transferred: Int)

  /// A sentence for the user.
  public var description: String {
    switch self {
    case .system(let error):
      "\(error); is the bus enabled (raspi-config → I2C), the sensor wired, and the user in group i2c?"
    case .shortTransfer(let operation, let expected, let transferred):
      "I2C \(operation) moved \(transferred) of \(expected) bytes; check the wiring"
    }
  }
}
