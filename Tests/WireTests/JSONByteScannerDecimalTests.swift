import EdgeCore
import Foundation
import Testing

@testable import Wire

@Suite("Short-decimal number scanning")
struct JSONByteScannerDecimalTests {
  /// `decimal()` and `number()` on `text`: value bits (nil when malformed) and where each stopped.
  private static func both(_ text: String) -> (decimal: (UInt64?, Int), number: (UInt64?, Int)) {
    Array(text.utf8).withUnsafeBytes { bytes in
      var fast = JSONByteScanner(bytes)
      var general = JSONByteScanner(bytes)
      let fastValue = fast.decimal()?.bitPattern
      let generalValue = general.number()?.bitPattern
      return ((fastValue, fast.index), (generalValue, general.index))
    }
  }

  private static func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let (decimal, number) = both(text)
    #expect(decimal.0 == number.0 && decimal.1 == number.1, "\(text)", sourceLocation: sourceLocation)
  }

  /// Follows a number in a body: separators, an end, or garbage the caller then rejects.
  private static let endings = ["", ",", "]", " ,", "x", "e", "E5", ".", "-", "0"]

  @Test("edge cases read the same value and stop at the same byte as the general path")
  func edgeCases() {
    let cases = [
      "0", "-0", "0.0", "-0.0", "-0.000000", "1", "-1", "12.5", "0.128818", "-0.076454", "0.0538",
      "123456789012345", "1234567890123456", "0.12345678901234", "0.123456789012345", "1.23456789012345",
      "12345678901234.5", "9007199254740993", "9007199254740993.0", "0.1234567890123456789",
      "18446744073709551616", "99999999999999999999.9", "1e5", "1E+5", "1.5e-3", "2E-0", "1e", "1e+", "1.",
      ".5", "+1", "-", "", " ", "01", "-01", "00.5", "0x1", "3.4028235e38", "3.4028236e38", "1e39", "-1e39",
      "1.17549435e-38", "1.4e-45", "7e-46", "1e-400", "1e400", "0.000000000000001", "0.0000000000000001",
      "340282350000000000000000000000000000000", "0.00000000000000000000000000000000000000000000140129846",
      "4.9406564584124654e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
      "1.7976931348623159e308",
      "NaN", "Infinity", "-Infinity", "true", "null",
    ]
    for text in cases {
      for ending in Self.endings {
        Self.expectSame(text + ending)
        Self.expectSame(" \n\t" + text + ending)
      }
    }
  }

  @Test("random Floats printed as Swift prints them read back identically, as Float too")
  func swiftPrintedFloats() {
    var random = SplitMix64(seed: 9)
    for _ in 0..<40_000 {
      let value = Float(bitPattern: UInt32(truncatingIfNeeded: random.next()))
      guard value.isFinite else { continue }
      let text = "\(value)"
      Self.expectSame(text)
      let read = Array(text.utf8).withUnsafeBytes { bytes in
        var scanner = JSONByteScanner(bytes)
        return scanner.decimal().map(Float.init)
      }
      #expect(read?.bitPattern == value.bitPattern, "\(text)")
    }
  }

  @Test("random decimals printed with fixed digits, as Python's round-and-print bodies are, read identically")
  func fixedDigitDecimals() {
    var random = SplitMix64(seed: 10)
    for _ in 0..<40_000 {
      let digits = Int(random.next() % 18)
      let scale = [1e-6, 1e-3, 1, 1e3, 1e9, 1e15][Int(random.next() % 6)]
      let value = (Double(random.next() >> 11) / Double(1 << 53) - 0.5) * 2 * scale
      Self.expectSame(String(format: "%.\(digits)f", value) + Self.endings[Int(random.next() % 10)])
      Self.expectSame("\(value)")
      Self.expectSame("\(Float(value))")
    }
  }

  @Test("random digit strings of every length and shape read identically")
  func randomDigitStrings() {
    var random = SplitMix64(seed: 11)
    func digits(_ count: Int) -> String {
      String((0..<count).map { _ in Character(String(random.next() % 10)) })
    }
    for _ in 0..<40_000 {
      let sign = random.next() % 3 == 0 ? "-" : ""
      let integer = digits(Int(random.next() % 20))
      let fraction = random.next() % 4 == 0 ? "" : "." + digits(Int(random.next() % 24))
      let exponent = random.next() % 5 == 0 ? "e\(Int(random.next() % 90) - 45)" : ""
      Self.expectSame(sign + integer + fraction + exponent + Self.endings[Int(random.next() % 10)])
    }
  }
}
