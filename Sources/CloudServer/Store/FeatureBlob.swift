import Foundation

/// Compact storage of a float window: little-endian IEEE 754 binary32, 4 bytes a value.
enum FeatureBlob {
  /// The bytes of `values`.
  static func encode(_ values: [Float]) -> Data {
    var data = Data(count: values.count * 4)
    data.withUnsafeMutableBytes { raw in
      for (index, value) in values.enumerated() {
        raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
      }
    }
    return data
  }

  /// The values in `data`; nil when its length is not a multiple of 4.
  static func decode(_ data: Data) -> [Float]? {
    guard data.count % 4 == 0 else { return nil }
    return data.withUnsafeBytes { raw in
      (0..<data.count / 4).map { index in
        Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
      }
    }
  }
}
