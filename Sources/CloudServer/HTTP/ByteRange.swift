import Foundation

/// What a `Range` request header asks of a representation of known size (RFC 9110 §14), so a device can resume.
enum ByteRange: Equatable, Sendable {
  /// Send everything (no header, another unit, several ranges, or syntax we ignore).
  case full
  /// Send these bytes with 206.
  case partial(Range<Int>)
  /// The range starts at or past the end: 416.
  case unsatisfiable

  /// Resolves a single `bytes=` range against `size` bytes.
  init(header: String?, size: Int) {
    guard let header, header.hasPrefix("bytes="), !header.contains(",") else {
      self = .full
      return
    }
    let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
    let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      self = .full
      return
    }
    let first = parts[0].isEmpty ? nil : Int(parts[0])
    let last = parts[1].isEmpty ? nil : Int(parts[1])
    switch (parts[0].isEmpty, parts[1].isEmpty, first, last) {
    case (true, false, _, let suffix?) where suffix >= 0:
      self = suffix == 0 || size == 0 ? .unsatisfiable : .partial(max(0, size - suffix)..<size)
    case (false, true, let start?, _) where start >= 0:
      self = start < size ? .partial(start..<size) : .unsatisfiable
    case (false, false, let start?, let end?) where start >= 0 && end >= start:
      self = start < size ? .partial(start..<min(end + 1, size)) : .unsatisfiable
    default:
      self = .full
    }
  }
}
