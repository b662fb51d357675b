/// Checks shared by every body a device sends: ids, window length, finite numbers.
public enum WireValidation {
  /// Longest accepted device id.
  public static let maximumDeviceIDLength = 64

  /// A device id is 1…64 of `A-Z a-z 0-9 . _ -`: it is one MQTT topic level and a file-safe name.
  public static func checkDeviceID(_ id: String) throws(WireValidationError) {
    let bytes = id.utf8
    guard !bytes.isEmpty, bytes.count <= maximumDeviceIDLength else {
      throw WireValidationError(
        field: "device_id", problem: "must be 1…\(maximumDeviceIDLength) characters, got \(bytes.count)")
    }
    guard bytes.allSatisfy(isDeviceIDByte) else {
      throw WireValidationError(
        field: "device_id", problem: "\"\(id)\" may contain only letters, digits, '.', '_' and '-'")
    }
  }

  /// Whether `id` passes `checkDeviceID`.
  public static func isValidDeviceID(_ id: String) -> Bool {
    (try? checkDeviceID(id)) != nil
  }

  /// The window has `count` values and every one is finite.
  public static func checkFeatures(_ features: [Float], count: Int, field: String = "features")
    throws(WireValidationError)
  {
    guard features.count == count else {
      throw WireValidationError(field: field, problem: "expected \(count) numbers, got \(features.count)")
    }
    try checkFinite(features, field: field)
  }

  /// Every value is finite (JSON cannot carry NaN, but a decoder may turn 1e39 into infinity).
  public static func checkFinite(_ values: [Float], field: String) throws(WireValidationError) {
    if let index = values.firstIndex(where: { !$0.isFinite }) {
      throw WireValidationError(
        field: "\(field)[\(index)]", problem: "must be a finite number, got \(values[index])")
    }
  }

  /// An MSE is finite and not negative.
  public static func checkMSE(_ value: Double, field: String) throws(WireValidationError) {
    guard value.isFinite, value >= 0 else {
      throw WireValidationError(field: field, problem: "must be a finite number ≥ 0, got \(value)")
    }
  }

  private static func isDeviceIDByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
      true
    default: false
    }
  }
}
