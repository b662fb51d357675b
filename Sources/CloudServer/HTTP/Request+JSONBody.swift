import Foundation
import Hummingbird
import NIOCore
import Wire

extension Request {
  /// Reads a JSON body of at most `limit` bytes and decodes it, refusing with a 4xx that says what was wrong.
  ///
  /// `decode` turns the bytes into a value (default: `JSONDecoder`); a `DecodingError` it throws becomes the 400.
  func decodeJSONBody<Body: Decodable>(
    _ type: Body.Type, limit: Int,
    using decode: (UnsafeRawBufferPointer) throws -> Body = {
      try JSONDecoder().decode(Body.self, from: Data($0))
    }
  ) async throws -> Body {
    try headers.checkJSONBody(limit: limit)
    return try await collectBody(limit: limit).withUnsafeReadableBytes { bytes throws(APIError) in
      try JSONBody.decode(bytes, using: decode)
    }
  }

  /// Reads the body, refusing one over `limit` bytes with a 413.
  func collectBody(limit: Int) async throws -> ByteBuffer {
    do {
      return try await body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
      throw JSONBody.tooLarge(limit: limit)
    }
  }

  /// Whether a Content-Type value names `application/json`: its first non-empty `;`-separated part, without
  /// surrounding whitespace, compared case-insensitively. ASCII values (all real ones) are checked on their
  /// bytes; others through Foundation, whose Unicode whitespace and case rules then apply.
  static func isJSONMediaType(_ contentType: String) -> Bool {
    var contentType = contentType
    if let verdict = contentType.withUTF8(asciiIsJSONMediaType) { return verdict }
    let mediaType =
      contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) ?? ""
    return mediaType.lowercased() == "application/json"
  }

  /// `isJSONMediaType` on ASCII bytes (Foundation's whitespace there is space and tab); nil for non-ASCII.
  private static func asciiIsJSONMediaType(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    var start = 0
    while start < bytes.count, bytes[start] == 0x3B { start += 1 }
    var end = start
    while end < bytes.count, bytes[end] != 0x3B { end += 1 }
    while start < end, isBlank(bytes[start]) { start += 1 }
    while end > start, isBlank(bytes[end - 1]) { end -= 1 }
    let expected = "application/json".utf8
    return end - start == expected.count
      && zip(bytes[start..<end], expected).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
  }

  /// An optional integer query parameter, refusing anything that is not one.
  func integerQuery(_ name: String) throws(APIError) -> Int? {
    guard let text = uri.queryParameters.get(name) else { return nil }
    guard let value = Int(text) else {
      throw APIError(.badRequest, "query parameter \(name) must be an integer, got '\(text)'")
    }
    return value
  }
}
