extension KeyedDecodingContainer {
  /// Decodes an array of JSON numbers as float32 values, refusing (with the index) any that float32 cannot hold.
  ///
  /// Decoding straight to `[Float]` fails on such a number with only "not valid JSON"; this names it.
  func decodeFloat32Array(forKey key: Key) throws -> [Float] {
    let values = try decode([Double].self, forKey: key)
    var floats = [Float](repeating: 0, count: values.count)
    for (index, value) in values.enumerated() {
      guard abs(value) <= Double(Float.greatestFiniteMagnitude) else {
        throw DecodingError.dataCorrupted(
          DecodingError.Context(
            codingPath: codingPath + [key, ArrayIndexKey(index)],
            debugDescription: "\(value) is outside the float32 range"))
      }
      floats[index] = Float(value)
    }
    return floats
  }
}

/// The coding key of an array element.
struct ArrayIndexKey: CodingKey {
  let intValue: Int?
  var stringValue: String { "\(intValue ?? 0)" }

  init(_ index: Int) { intValue = index }
  init?(intValue: Int) { self.intValue = intValue }
  init?(stringValue: String) { nil }
}
