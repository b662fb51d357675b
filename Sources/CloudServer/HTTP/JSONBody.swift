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
}

extension HTTPFields {
  /// Refuses, before the body is read, a request whose Content-Type is not JSON or whose declared length is
  /// over `limit` bytes.
  func checkJSONBody(limit: Int) throws(APIError) {
    let contentType = value(.contentType) ?? ""
    guard Request.isJSONMediaType(contentType) else {
      throw APIError(
        .unsupportedMediaType,
        "Content-Type must be application/json, got \(contentType.isEmpty ? "none" : "'\(contentType)'")")
    }
    if let length = value(.contentLength).flatMap(Int.init), length > limit {
      throw APIError(.contentTooLarge, "request body of \(length) bytes exceeds the limit of \(limit) bytes")
    }
  }
}
