import Foundation
import Hummingbird

/// Builds `application/json` responses.
enum JSONResponse {
  /// A response whose body is `value` encoded as JSON.
  static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
    make(bytes: encode(value), status: status)
  }

  /// `value` as JSON with sorted keys, or an error document when it cannot be encoded.
  static func encode(_ value: some Encodable) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return (try? encoder.encode(value)) ?? Data(#"{"error":"response could not be encoded"}"#.utf8)
  }

  /// A response with already encoded JSON bytes.
  static func make(bytes: some Collection<UInt8>, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}
