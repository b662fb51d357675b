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

  /// An optional integer query parameter, refusing anything that is not one.
  func integerQuery(_ name: String) throws(APIError) -> Int? {
    guard let text = uri.queryParameters.get(name) else { return nil }
    guard let value = Int(text) else {
      throw APIError(.badRequest, "query parameter \(name) must be an integer, got '\(text)'")
    }
    return value
  }
}
