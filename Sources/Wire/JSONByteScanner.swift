/// A minimal forward scanner over JSON bytes for the hot `/classify` path.
///
/// It understands exactly the JSON grammar (RFC 8259) it needs and gives up (returns nil) on
/// anything else — string escapes, numbers it cannot convert exactly — so that the caller can fall
/// back to `JSONDecoder`, which then also produces the error message.
struct JSONByteScanner {
  private let bytes: UnsafeRawBufferPointer
  private(set) var index = 0

  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  var atEnd: Bool { index >= bytes.count }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x0A, 0x0D, 0x09: index += 1
      default: return
      }
    }
  }

  /// Consumes `byte` (after whitespace) when it is next.
  mutating func take(_ byte: UInt8) -> Bool {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  /// Consumes `null` when it is next.
  mutating func takeNull() -> Bool {
    skipWhitespace()
    guard index + 4 <= bytes.count, bytes[index] == 0x6E, bytes[index + 1] == 0x75, bytes[index + 2] == 0x6C,
      bytes[index + 3] == 0x6C
    else { return false }
    index += 4
    return true
  }

  /// A string without escapes or control characters; nil otherwise.
  mutating func string() -> String? {
    guard take(0x22) else { return nil }
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x22 {
        let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        return text
      }
      if byte == 0x5C || byte < 0x20 { return nil }
      index += 1
    }
    return nil
  }

  /// A JSON number as the correctly rounded `Double`; nil when malformed.
  mutating func number() -> Double? {
    skipWhitespace()
    let start = index
    var negative = false
    if index < bytes.count, bytes[index] == 0x2D {
      negative = true
      index += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var exponent = 0
    var truncated = false
    let integerStart = index
    while index < bytes.count, let digit = Self.digit(bytes[index]) {
      if digits < 19 {
        mantissa = mantissa * 10 + UInt64(digit)
        if mantissa != 0 { digits += 1 }
      } else {
        exponent += 1
        truncated = true
      }
      index += 1
    }
    let integerDigits = index - integerStart
    guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == 0x30) else { return nil }
    if index < bytes.count, bytes[index] == 0x2E {
      index += 1
      let fractionStart = index
      while index < bytes.count, let digit = Self.digit(bytes[index]) {
        if digits < 19 {
          mantissa = mantissa * 10 + UInt64(digit)
          if mantissa != 0 { digits += 1 }
          exponent -= 1
        } else {
          truncated = true
        }
        index += 1
      }
      guard index > fractionStart else { return nil }
    }
    if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
      index += 1
      var exponentSign = 1
      if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D {
        exponentSign = bytes[index] == 0x2D ? -1 : 1
        index += 1
      }
      var written = 0
      let exponentStart = index
      while index < bytes.count, let digit = Self.digit(bytes[index]) {
        if written < 10_000 { written = written * 10 + digit }
        index += 1
      }
      guard index > exponentStart else { return nil }
      exponent += exponentSign * written
    }
    if !truncated, mantissa <= 1 << 53, (-22...22).contains(exponent) {
      // Clinger's fast path: both operands are exact, so one IEEE operation rounds correctly.
      let magnitude =
        exponent >= 0
        ? Double(mantissa) * Self.powersOfTen[exponent] : Double(mantissa) / Self.powersOfTen[-exponent]
      return negative ? -magnitude : magnitude
    }
    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }

  /// The next number exactly as `number()` reads it (same value, same end), faster for the short decimals
  /// devices send (`-0.012345`, `12.5`, `3`: at most 15 digits, no exponent); every other form, malformed
  /// ones included, goes through `number()`.
  mutating func decimal() -> Double? {
    skipWhitespace()
    let start = index
    if let value = shortDecimal() { return value }
    index = start
    return number()
  }

  /// `[-]digits[.digits]` with at most 15 digits in all, not followed by an exponent; nil otherwise, with
  /// `index` unspecified. At most 15 digits keep the mantissa below 2⁵³ and the exponent within −15…0, so
  /// this is `number()`'s exact fast path (one correctly rounded division) without its general bookkeeping.
  private mutating func shortDecimal() -> Double? {
    let end = bytes.count
    var i = index
    let negative = i < end && bytes[i] == 0x2D
    if negative { i += 1 }
    var mantissa: UInt64 = 0
    let integerStart = i
    while i < end, case let digit = bytes[i] &- 0x30, digit < 10 {
      mantissa = mantissa &* 10 &+ UInt64(digit)
      i += 1
    }
    let integerDigits = i - integerStart
    guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != 0x30 else { return nil }
    var fractionDigits = 0
    if i < end, bytes[i] == 0x2E {
      i += 1
      let fractionStart = i
      while i < end, case let digit = bytes[i] &- 0x30, digit < 10 {
        mantissa = mantissa &* 10 &+ UInt64(digit)
        i += 1
      }
      fractionDigits = i - fractionStart
      guard fractionDigits > 0 else { return nil }
    }
    guard integerDigits + fractionDigits <= 15, i == end || bytes[i] | 0x20 != 0x65 else { return nil }
    index = i
    let magnitude = Double(mantissa) / Self.powersOfTen[fractionDigits]
    return negative ? -magnitude : magnitude
  }

  /// A JSON integer (no fraction, no exponent) that fits `Int`; nil otherwise.
  mutating func integer() -> Int? {
    skipWhitespace()
    let start = index
    if index < bytes.count, bytes[index] == 0x2D { index += 1 }
    let digitStart = index
    while index < bytes.count, Self.digit(bytes[index]) != nil { index += 1 }
    guard index > digitStart, !(index - digitStart > 1 && bytes[digitStart] == 0x30) else { return nil }
    if index < bytes.count, [0x2E, 0x65, 0x45].contains(bytes[index]) { return nil }
    return Int(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
  }

  /// Skips one JSON value of any kind; false when malformed.
  mutating func skipValue(depth: Int = 0) -> Bool {
    guard depth < 64 else { return false }
    skipWhitespace()
    guard index < bytes.count else { return false }
    switch bytes[index] {
    case 0x22:
      return string() != nil
    case 0x7B, 0x5B:
      let close: UInt8 = bytes[index] == 0x7B ? 0x7D : 0x5D
      let isObject = close == 0x7D
      index += 1
      if take(close) { return true }
      repeat {
        if isObject {
          guard string() != nil, take(0x3A) else { return false }
        }
        guard skipValue(depth: depth + 1) else { return false }
      } while take(0x2C)
      return take(close)
    case 0x74: return literal("true")
    case 0x66: return literal("false")
    case 0x6E: return literal("null")
    default: return number() != nil
    }
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { return false }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
    index += count
    return true
  }

  private static func digit(_ byte: UInt8) -> Int? {
    byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
  }

  private static let powersOfTen: [Double] = (0...22).map { exponent in
    (0..<exponent).reduce(1.0) { value, _ in value * 10 }
  }
}
