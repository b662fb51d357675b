import Foundation

/// A parsed `.npy` file: its header (dtype, order, shape) and raw little-endian data.
struct NPYArray {
  /// The bytes every `.npy` file starts with.
  static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// How the elements are to be read.
  enum Kind { case float, signed, unsigned }

  let file: String
  let bytes: [UInt8]
  let descr: String
  let kind: Kind
  let itemSize: Int
  let shape: [Int]
  let headerOffset: Int
  let dataOffset: Int

  /// Parses and checks the preamble and header, and that the data is all there.
  init(bytes: [UInt8], file: String) throws(DatasetError) {
    self.file = file
    self.bytes = bytes
    func fail(_ problem: DatasetError.Problem, _ offset: Int) -> DatasetError {
      DatasetError(file: file, location: .byteOffset(offset), problem: problem)
    }
    guard bytes.count >= 10, Array(bytes[0..<6]) == Self.magic else { throw fail(.badMagic, 0) }
    let (major, minor) = (bytes[6], bytes[7])
    let headerLength: Int
    switch major {
    case 1:
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
      headerOffset = 10
    case 2, 3:
      guard bytes.count >= 12 else { throw fail(.truncated(expectedBytes: 12, foundBytes: bytes.count), 0) }
      headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
      headerOffset = 12
    default:
      throw fail(.unsupportedVersion(major: major, minor: minor), 6)
    }
    dataOffset = headerOffset + headerLength
    guard bytes.count >= dataOffset else {
      throw fail(
        .truncated(expectedBytes: headerLength, foundBytes: bytes.count - headerOffset), headerOffset)
    }
    let header = String(decoding: bytes[headerOffset..<dataOffset], as: UTF8.self)
    guard let descr = Self.value(of: "descr", in: header).flatMap(Self.unquoted) else {
      throw fail(
        .badHeader("no 'descr' entry in \(header.trimmingCharacters(in: .whitespaces))"), headerOffset)
    }
    self.descr = descr
    guard let order = Self.value(of: "fortran_order", in: header) else {
      throw fail(.badHeader("no 'fortran_order' entry"), headerOffset)
    }
    guard order.hasPrefix("False") else { throw fail(.fortranOrder, headerOffset) }
    guard let shapeText = Self.value(of: "shape", in: header), let shape = Self.shape(shapeText) else {
      throw fail(.badHeader("no readable 'shape' entry"), headerOffset)
    }
    self.shape = shape
    guard let (kind, itemSize) = Self.elementType(descr) else {
      throw fail(.unsupportedDType(descr), headerOffset)
    }
    self.kind = kind
    self.itemSize = itemSize
    let expected = shape.reduce(1, *) * itemSize
    guard bytes.count - dataOffset >= expected else {
      throw fail(.truncated(expectedBytes: expected, foundBytes: bytes.count - dataOffset), dataOffset)
    }
  }

  /// Number of elements.
  var count: Int { shape.reduce(1, *) }

  /// An error at a byte offset of this file.
  func error(_ problem: DatasetError.Problem, at offset: Int) -> DatasetError {
    DatasetError(file: file, location: .byteOffset(offset), problem: problem)
  }

  /// The elements as float32 (float64 is rounded to nearest).
  func floats() -> [Float] {
    if kind == .float && itemSize == 4 {
      return (0..<count).map { Float(bitPattern: UInt32(littleEndian: load(UInt32.self, at: $0))) }
    }
    return doubles().map { Float($0) }
  }

  /// The elements as doubles.
  func doubles() -> [Double] {
    (0..<count).map { index in
      switch (kind, itemSize) {
      case (.float, 4): Double(Float(bitPattern: UInt32(littleEndian: load(UInt32.self, at: index))))
      case (.float, _): Double(bitPattern: UInt64(littleEndian: load(UInt64.self, at: index)))
      case (.unsigned, 1): Double(load(UInt8.self, at: index))
      case (.unsigned, 2): Double(UInt16(littleEndian: load(UInt16.self, at: index)))
      case (.unsigned, 4): Double(UInt32(littleEndian: load(UInt32.self, at: index)))
      case (.unsigned, _): Double(UInt64(littleEndian: load(UInt64.self, at: index)))
      case (.signed, 1): Double(load(Int8.self, at: index))
      case (.signed, 2): Double(Int16(littleEndian: load(Int16.self, at: index)))
      case (.signed, 4): Double(Int32(littleEndian: load(Int32.self, at: index)))
      case (.signed, _): Double(Int64(littleEndian: load(Int64.self, at: index)))
      }
    }
  }

  private func load<T: FixedWidthInteger>(_ type: T.Type, at index: Int) -> T {
    bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: dataOffset + index * itemSize, as: T.self) }
  }

  /// Kind and size of a little-endian (or byte-order-free) dtype string such as `<f4` or `|u1`.
  private static func elementType(_ descr: String) -> (Kind, Int)? {
    guard descr.count == 3, let order = descr.first, "<|=".contains(order) else { return nil }
    let code = descr.dropFirst().first!
    guard let size = Int(String(descr.last!)) else { return nil }
    switch (code, size) {
    case ("f", 4), ("f", 8): return (.float, size)
    case ("i", 1), ("i", 2), ("i", 4), ("i", 8): return (.signed, size)
    case ("u", 1), ("u", 2), ("u", 4), ("u", 8): return (.unsigned, size)
    case ("b", 1): return (.unsigned, 1)
    default: return nil
    }
  }

  /// The raw text after `'key':` in the header dictionary, up to the end of the dictionary.
  private static func value(of key: String, in header: String) -> Substring? {
    for quote in ["'", "\""] {
      if let range = header.range(of: "\(quote)\(key)\(quote)") {
        let rest = header[range.upperBound...].drop { $0 == " " }
        guard rest.first == ":" else { return nil }
        return rest.dropFirst().drop { $0 == " " }
      }
    }
    return nil
  }

  /// The content of a leading quoted string.
  private static func unquoted(_ text: Substring) -> String? {
    guard let quote = text.first, quote == "'" || quote == "\"" else { return nil }
    let body = text.dropFirst()
    guard let end = body.firstIndex(of: quote) else { return nil }
    return String(body[..<end])
  }

  /// The dimensions of a leading tuple such as `(5000, 300)` or `(12,)`.
  private static func shape(_ text: Substring) -> [Int]? {
    guard text.first == "(", let end = text.firstIndex(of: ")") else { return nil }
    let parts = text[text.index(after: text.startIndex)..<end].split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    let dimensions = parts.compactMap { Int($0) }
    guard dimensions.count == parts.count, dimensions.allSatisfy({ $0 >= 0 }) else { return nil }
    return dimensions
  }
}
