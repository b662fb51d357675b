extension ClassifyResponse {
  /// The answer as JSON bytes, written directly; nil when `JSONEncoder` must do it instead.
  ///
  /// The bytes equal what `JSONEncoder` with `.sortedKeys` writes (keys in sorted order, numbers in
  /// their shortest round-trip spelling, whole numbers without `.0`). Strings that would need escaping
  /// and non-finite numbers (which `JSONEncoder` refuses) give nil, so that the encoder decides.
  public var fastJSON: [UInt8]? {
    guard confidence.isFinite, cloudMSE.isFinite, Self.isPlain(label), Self.isPlain(cloudModel) else {
      return nil
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(96 + label.utf8.count + cloudModel.utf8.count)
    bytes.append(contentsOf: #"{"classification":"#.utf8)
    bytes.append(contentsOf: String(classification).utf8)
    bytes.append(contentsOf: #","cloud_model":""#.utf8)
    bytes.append(contentsOf: cloudModel.utf8)
    bytes.append(contentsOf: #"","cloud_mse":"#.utf8)
    Self.append(cloudMSE, to: &bytes)
    bytes.append(contentsOf: #","confidence":"#.utf8)
    Self.append(confidence, to: &bytes)
    bytes.append(contentsOf: #","label":""#.utf8)
    bytes.append(contentsOf: label.utf8)
    bytes.append(contentsOf: #""}"#.utf8)
    return bytes
  }

  /// True when `text` goes into JSON as it is: no quote, backslash, slash (which `JSONEncoder` escapes)
  /// or control character.
  private static func isPlain(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F }
  }

  /// A finite double in `JSONEncoder`'s spelling: Swift's shortest round-trip text without a trailing `.0`.
  private static func append(_ value: Double, to bytes: inout [UInt8]) {
    let text = value.description
    let utf8 = text.utf8
    if utf8.count > 2, text.hasSuffix(".0") {
      bytes.append(contentsOf: utf8.dropLast(2))
    } else {
      bytes.append(contentsOf: utf8)
    }
  }
}
