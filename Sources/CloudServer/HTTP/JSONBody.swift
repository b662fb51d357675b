import Foundation
import HTTPTypes
import Hummingbird
import Wire

/// The checks every JSON request body passes, over header fields and bytes so that both the Hummingbird routes
/// and the event-loop `/classify` path apply the same limits and say the same things.
enum JSONBody {
  /// The 413 for a body that grew past `limit` bytes while being read.
  static func tooLarge(limit: Int) -> APIError {
    APIError(.contentTooLarge, "request body exceeds the limit of \(limit) bytes")
  }

  /// Decodes `bytes` with `decode`, turning its failure into a 400 that says what was wrong.
  static func decode<Body>(
    _ bytes: UnsafeRawBufferPointer, using decode: (UnsafeRawBufferPointer) throws -> Body
  )
    throws(APIError) -> Body
  {
    do {
      return try decode(bytes)
    } catch let error as DecodingError {
      throw APIError(.badRequest, error.wireMessage)
    } catch {
      throw APIError(.badRequest, "body is not valid JSON (\(error))")
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
}

extension HTTPFields {
  /// Refuses, before the body is read, a request whose Content-Type is not JSON or whose declared length is
  /// over `limit` bytes.
  func checkJSONBody(limit: Int) throws(APIError) {
    let contentType = value(.contentType) ?? ""
    guard JSONBody.isJSONMediaType(contentType) else {
      throw APIError(
        .unsupportedMediaType,
        "Content-Type must be application/json, got \(contentType.isEmpty ? "none" : "'\(contentType)'")")
    }
    if let length = value(.contentLength).flatMap(Int.init), length > limit {
      throw APIError(.contentTooLarge, "request body of \(length) bytes exceeds the limit of \(limit) bytes")
    }
  }
}
