import Foundation

extension ClassifyRequest {
  /// Decodes a `/classify` body: a single-pass byte parser for the common case, `JSONDecoder` for the rest.
  ///
  /// The fast path accepts the same documents as `JSONDecoder` and yields the same values; whatever it
  /// does not handle (string escapes, duplicate keys, malformed input) goes to `JSONDecoder`, whose
  /// `DecodingError` then names the problem.
  public static func decode(json bytes: UnsafeRawBufferPointer) throws -> ClassifyRequest {
    if let request = parseFast(bytes) { return request }
    return try JSONDecoder().decode(ClassifyRequest.self, from: Data(bytes))
  }

  /// The fast path alone; nil when it does not handle the document.
  static func parseFast(_ bytes: UnsafeRawBufferPointer) -> ClassifyRequest? {
    var scanner = JSONByteScanner(bytes)
    guard scanner.take(0x7B) else { return nil }
    var deviceID: String?
    var features: [Float]?
    var edgeMSE: Double?
    var modelVersion: Int??
    var escalationID: String??
    if !scanner.take(0x7D) {
      repeat {
        guard let key = scanner.string(), scanner.take(0x3A) else { return nil }
        switch key {
        case "device_id":
          guard deviceID == nil, let value = scanner.string() else { return nil }
          deviceID = value
        case "features":
          guard features == nil, let values = parseFloats(&scanner) else { return nil }
          features = values
        case "edge_mse":
          guard edgeMSE == nil, let value = scanner.number() else { return nil }
          edgeMSE = value
        case "model_version":
          guard modelVersion == nil else { return nil }
          if scanner.takeNull() {
            modelVersion = .some(nil)
          } else {
            guard let value = scanner.integer() else { return nil }
            modelVersion = value
          }
        case "escalation_id":
          guard escalationID == nil else { return nil }
          if scanner.takeNull() {
            escalationID = .some(nil)
          } else {
            guard let value = scanner.string() else { return nil }
            escalationID = value
          }
        default:
          guard scanner.skipValue() else { return nil }
        }
      } while scanner.take(0x2C)
      guard scanner.take(0x7D) else { return nil }
    }
    scanner.skipWhitespace()
    guard scanner.atEnd, let deviceID, let features, let edgeMSE else { return nil }
    return ClassifyRequest(
      deviceID: deviceID, features: features, edgeMSE: edgeMSE, modelVersion: modelVersion ?? nil,
      escalationID: escalationID ?? nil)
  }

  private static func parseFloats(_ scanner: inout JSONByteScanner) -> [Float]? {
    guard scanner.take(0x5B) else { return nil }
    var values: [Float] = []
    values.reserveCapacity(300)
    if scanner.take(0x5D) { return values }
    repeat {
      guard let value = scanner.decimal(), abs(value) <= Double(Float.greatestFiniteMagnitude) else {
        return nil
      }
      values.append(Float(value))
    } while scanner.take(0x2C)
    return scanner.take(0x5D) ? values : nil
  }
}
