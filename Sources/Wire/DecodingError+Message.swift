/// Readable explanations of JSON decoding failures, for `{"error":"…"}` bodies.
extension DecodingError {
  /// What was wrong, naming the JSON path (`features[12]: expected a number`).
  public var wireMessage: String {
    switch self {
    case .keyNotFound(let key, let context):
      let path = Self.path(context.codingPath + [key])
      return "missing field \"\(path)\""
    case .valueNotFound(let type, let context):
      return "\(Self.path(context.codingPath)): expected \(Self.noun(type)), got null"
    case .typeMismatch(let type, let context):
      return "\(Self.path(context.codingPath)): expected \(Self.noun(type))"
    case .dataCorrupted(let context):
      if context.codingPath.isEmpty {
        let detail = (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        return "body is not valid JSON (\(detail))"
      }
      return "\(Self.path(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return "body could not be decoded"
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    guard !keys.isEmpty else { return "body" }
    var text = ""
    for key in keys {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    return text
  }

  private static func noun(_ type: Any.Type) -> String {
    switch type {
    case is Float.Type, is Double.Type: "a number"
    case is Int.Type, is UInt64.Type, is Int64.Type: "an integer"
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is [Float].Type, is [Double].Type: "an array of numbers"
    default: "a value of type \(type)"
    }
  }
}
