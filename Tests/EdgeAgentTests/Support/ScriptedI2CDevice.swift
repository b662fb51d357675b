@testable import EdgeAgent

/// An I²C device that replays a recorded session: each transaction must match the next expected one
/// (the bytes written, and for a read the count), and a read answers with the recorded bytes.
struct ScriptedI2CDevice: I2CDevice {
  enum Transaction: Equatable {
    case write([UInt8])
    case read(register: UInt8, answer: [UInt8])
  }

  private(set) var script: [Transaction]
  private(set) var mismatches: [String] = []

  init(_ script: [Transaction]) {
    self.script = script
  }

  var finished: Bool { script.isEmpty && mismatches.isEmpty }

  mutating func write(_ bytes: [UInt8]) throws(I2CError) {
    guard let next = script.first, next == .write(bytes) else {
      mismatches.append("unexpected write \(bytes), expected \(String(describing: script.first))")
      throw .shortTransfer(operation: "write", expected: bytes.count, transferred: 0)
    }
    script.removeFirst()
  }

  mutating func writeRead(_ bytes: [UInt8], count: Int) throws(I2CError) -> [UInt8] {
    guard case .read(let register, let answer)? = script.first, bytes == [register], answer.count == count
    else {
      mismatches.append(
        "unexpected read of \(count) from \(bytes), expected \(String(describing: script.first))")
      throw .shortTransfer(operation: "read", expected: count, transferred: 0)
    }
    script.removeFirst()
    return answer
  }
}
