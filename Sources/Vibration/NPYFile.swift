import Foundation

/// Reads and writes NumPy `.npy` arrays: 2-D float windows and 1-D label, type and severity vectors.
///
/// Reads format versions 1.0, 2.0 and 3.0, C order, little-endian `f4`/`f8` and integer types;
/// writes version 1.0, little-endian, C order, like `numpy.save`.
public enum NPYFile {
  /// Reads a 2-D float32 or float64 array as float32 rows; NaN or infinite values are rejected.
  public static func readMatrix(at url: URL) throws(DatasetError) -> (
    rows: Int, columns: Int, values: [Float]
  ) {
    let array = try NPYArray(bytes: readBytes(url), file: url.path)
    guard array.shape.count == 2 else {
      throw array.error(.wrongDimensions(expected: 2, shape: array.shape), at: array.headerOffset)
    }
    guard array.kind == .float else {
      throw array.error(.unsupportedDType(array.descr), at: array.headerOffset)
    }
    let values = array.floats()
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw array.error(
        .nonFinite(column: bad % array.shape[1] + 1, text: values[bad].description),
        at: array.dataOffset + bad * array.itemSize)
    }
    return (array.shape[0], array.shape[1], values)
  }

  /// Reads a 1-D numeric array (any supported float or integer type) as doubles.
  public static func readVector(at url: URL) throws(DatasetError) -> [Double] {
    try readVectorArray(at: url).doubles()
  }

  /// Reads a 1-D array of 0/1 labels (uint8, int8, int64, float …).
  public static func readLabels(at url: URL) throws(DatasetError) -> [UInt8] {
    let array = try readVectorArray(at: url)
    let values = array.doubles()
    if let bad = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
      throw array.error(.badLabel(values[bad].description), at: array.dataOffset + bad * array.itemSize)
    }
    return values.map { UInt8($0) }
  }

  private static func readVectorArray(at url: URL) throws(DatasetError) -> NPYArray {
    let array = try NPYArray(bytes: readBytes(url), file: url.path)
    guard array.shape.count == 1 else {
      throw array.error(.wrongDimensions(expected: 1, shape: array.shape), at: array.headerOffset)
    }
    return array
  }

  /// Writes a row-major float32 matrix (`<f4`, shape `(rows, columns)`).
  public static func writeMatrix(_ values: [Float], rows: Int, columns: Int, to url: URL) throws(DatasetError)
  {
    precondition(values.count == rows * columns, "\(values.count) values are not \(rows) × \(columns)")
    try writeArray(descr: "<f4", shape: [rows, columns], to: url) { data in
      for value in values {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
      }
    }
  }

  /// Writes a 1-D uint8 vector (`|u1`), e.g. labels or fault-type codes.
  public static func writeVector(_ values: [UInt8], to url: URL) throws(DatasetError) {
    try writeArray(descr: "|u1", shape: [values.count], to: url) { $0.append(contentsOf: values) }
  }

  /// Writes a 1-D float32 vector (`<f4`), e.g. severities.
  public static func writeVector(_ values: [Float], to url: URL) throws(DatasetError) {
    try writeArray(descr: "<f4", shape: [values.count], to: url) { data in
      for value in values {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
      }
    }
  }

  /// Writes the version 1.0 preamble and header (padded to 64 bytes, as numpy does), then the data.
  private static func writeArray(
    descr: String, shape: [Int], to url: URL, data appendData: (inout [UInt8]) -> Void
  ) throws(DatasetError) {
    let shapeText =
      shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
    let unpadded = NPYArray.magic.count + 4 + header.utf8.count + 1
    header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    var bytes = NPYArray.magic + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
    bytes.append(contentsOf: header.utf8)
    appendData(&bytes)
    try writeBytes(bytes, to: url)
  }
}
