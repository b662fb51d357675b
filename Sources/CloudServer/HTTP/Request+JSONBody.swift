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
    let contentType = headers[.contentType] ?? ""
    let mediaType =
      contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) ?? ""
    guard mediaType.lowercased() == "application/json" else {
      throw APIError(
        .unsupportedMediaType,
        "Content-Type must be application/json, got \(contentType.isEmpty ? "none" : "'\(contentType)'")")
    }
    if let length = headers[.contentLength].flatMap(Int.init), length > limit {
      throw APIError(.contentTooLarge, "request body of \(length) bytes exceeds the limit of \(limit) bytes")
    }
    let buffer: ByteBuffer
    do {
      buffer = try await body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
      throw APIError(.contentTooLarge, "request body exceeds the limit of \(limit) bytes")
    }
    do {
      return try buffer.withUnsafeReadableBytes { try decode($0) }
    } catch let error as DecodingError {
      throw APIError(.badRequest, error.wireMessage)
    } catch {
      throw APIError(.badRequest, "body is not valid JSON (\(error))")
    }
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
