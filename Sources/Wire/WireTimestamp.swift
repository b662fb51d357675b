import Foundation

/// A point in time as it travels: ISO 8601 UTC with milliseconds (`2025-03-01T12:34:56.789Z`).
///
/// Decoding also accepts other ISO 8601 offsets, no offset (read as UTC), and a JSON number of
/// seconds since 1970 (what Python's `time.time()` writes), so older logs and firmware still load.
public struct WireTimestamp: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Milliseconds since 1970-01-01T00:00:00Z.
  public var millisecondsSince1970: Int64

  /// A timestamp from milliseconds since 1970.
  public init(millisecondsSince1970: Int64) {
    self.millisecondsSince1970 = millisecondsSince1970
  }

  /// A timestamp from a `Date`, rounded to the millisecond.
  public init(_ date: Date) {
    millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  /// The current time.
  public static func now() -> WireTimestamp { WireTimestamp(Date()) }

  /// The same instant as a `Date`.
  public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

  /// Seconds since 1970 as a `Double`.
  public var secondsSince1970: Double { Double(millisecondsSince1970) / 1000 }

  /// The ISO 8601 text, always UTC with three fraction digits.
  public var description: String { iso8601 }

  /// The ISO 8601 text, always UTC with three fraction digits.
  public var iso8601: String {
    let (days, msOfDay) = millisecondsSince1970.floorDivided(by: 86_400_000)
    let (year, month, day) = CivilDate.fromDays(days)
    let hours = msOfDay / 3_600_000
    let minutes = msOfDay / 60_000 % 60
    let seconds = msOfDay / 1000 % 60
    let millis = msOfDay % 1000
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hours, 2)):\(pad(minutes, 2)):"
      + "\(pad(seconds, 2)).\(pad(millis, 3))Z"
  }

  /// Parses ISO 8601 date-time text; nil when it is not one.
  public init?(iso8601 text: String) {
    var scanner = DigitScanner(Array(text.utf8))
    guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
      let day = scanner.digits(2), scanner.takeAny(["T", "t", " "]), let hour = scanner.digits(2),
      scanner.take(":"), let minute = scanner.digits(2), scanner.take(":"), let second = scanner.digits(2),
      (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day), hour < 24,
      minute < 60, second < 61
    else { return nil }
    var millis: Int64 = 0
    if scanner.take(".") {
      guard let fraction = scanner.fractionMilliseconds() else { return nil }
      millis = fraction
    }
    var offsetMinutes: Int64 = 0
    if scanner.takeAny(["+", "-"]) {
      let sign: Int64 = scanner.previous == UInt8(ascii: "-") ? -1 : 1
      guard let offsetHours = scanner.digits(2) else { return nil }
      _ = scanner.take(":")
      guard let offsetMins = scanner.digits(2) else { return nil }
      offsetMinutes = sign * (offsetHours * 60 + offsetMins)
    } else {
      _ = scanner.takeAny(["Z", "z"])
    }
    guard scanner.atEnd else { return nil }
    let days = CivilDate.days(year: year, month: month, day: day)
    let seconds = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second
    millisecondsSince1970 = seconds * 1000 + millis
  }

  /// Decodes ISO 8601 text or a number of seconds since 1970.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let seconds = try? container.decode(Double.self) {
      guard seconds.isFinite, abs(seconds) < 1e14 else {
        throw DecodingError.dataCorruptedError(
          in: container,
          debugDescription: "timestamp \(seconds) is not a plausible number of seconds since 1970")
      }
      self.init(millisecondsSince1970: Int64((seconds * 1000).rounded()))
      return
    }
    let text = try container.decode(String.self)
    guard let parsed = WireTimestamp(iso8601: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "\"\(text)\" is not an ISO 8601 time like 2025-03-01T12:34:56.789Z")
    }
    self = parsed
  }

  /// Encodes the ISO 8601 text.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso8601)
  }

  /// Earlier first.
  public static func < (lhs: WireTimestamp, rhs: WireTimestamp) -> Bool {
    lhs.millisecondsSince1970 < rhs.millisecondsSince1970
  }

  private func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}

extension Int64 {
  /// Quotient rounded toward minus infinity and the non-negative remainder.
  fileprivate func floorDivided(by divisor: Int64) -> (Int64, Int64) {
    let remainder = self % divisor
    return remainder < 0 ? (self / divisor - 1, remainder + divisor) : (self / divisor, remainder)
  }
}

/// Proleptic Gregorian calendar arithmetic (H. Hinnant's days-from-civil algorithms).
private enum CivilDate {
  static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func fromDays(_ days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

/// Reads fixed-width digits and separators from ASCII bytes.
private struct DigitScanner {
  let bytes: [UInt8]
  var index = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var atEnd: Bool { index == bytes.count }
  var previous: UInt8 { bytes[index - 1] }

  mutating func digits(_ count: Int) -> Int64? {
    guard index + count <= bytes.count else { return nil }
    var value: Int64 = 0
    for byte in bytes[index..<index + count] {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int64(byte - UInt8(ascii: "0"))
    }
    index += count
    return value
  }

  /// One or more fraction digits, truncated to milliseconds.
  mutating func fractionMilliseconds() -> Int64? {
    var value: Int64 = 0
    var count = 0
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      if count < 3 { value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
      count += 1
      index += 1
    }
    guard count > 0 else { return nil }
    for _ in count..<max(count, 3) { value *= 10 }
    return value
  }

  mutating func take(_ character: Unicode.Scalar) -> Bool {
    takeAny([character])
  }

  mutating func takeAny(_ characters: [Unicode.Scalar]) -> Bool {
    guard index < bytes.count, characters.contains(where: { UInt8(ascii: $0) == bytes[index] }) else {
      return false
    }
    index += 1
    return true
  }
}
