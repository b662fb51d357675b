import Foundation

/// A float32 tensor as stored in a safetensors file.
public struct SafeTensor: Equatable, Sendable {
  /// Dimensions, outermost first (row-major data).
  public var shape: [Int]
  /// The elements in row-major order; `shape`'s product of them.
  public var values: [Float]

  /// A tensor of the given shape over `values`.
  public init(shape: [Int], values: [Float]) {
    precondition(shape.reduce(1, *) == values.count, "Shape \(shape) needs \(shape.reduce(1, *)) values")
    self.shape = shape
    self.values = values
  }
}

/// The safetensors container (Hugging Face format, readable by the Python `safetensors` package):
/// an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and byte
/// range, an optional `__metadata__` string map, then the raw little-endian tensor bytes.
public struct SafeTensorsFile: Equatable, Sendable {
  /// Tensors by name.
  public var tensors: [String: SafeTensor]
  /// Free-form string metadata (`__metadata__`).
  public var metadata: [String: String]

  /// A container with the given tensors and metadata.
  public init(tensors: [String: SafeTensor], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  /// The file bytes: tensors in name order, header padded with spaces to a multiple of 8 bytes.
  public func encoded() -> Data {
    var header: [String: Any] = [:]
    var offset = 0
    let names = tensors.keys.sorted()
    for name in names {
      let tensor = tensors[name]!
      let end = offset + tensor.values.count * MemoryLayout<Float>.size
      header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, end]]
      offset = end
    }
    if !metadata.isEmpty { header["__metadata__"] = metadata }
    var json = try! JSONSerialization.data(
      withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes])
    json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
    var data = Data(capacity: 8 + json.count + offset)
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(json)
    for name in names {
      let littleEndian = tensors[name]!.values.map { $0.bitPattern.littleEndian }
      littleEndian.withUnsafeBytes { data.append(contentsOf: $0) }
    }
    return data
  }

  /// Parses and validates file bytes; `source` names the file in errors.
  public init(decoding data: Data, source: String) throws(ModelFileError) {
    let bytes = [UInt8](data)
    guard bytes.count >= 8 else { throw .truncated(source: source, needed: 8, available: bytes.count) }
    let headerLength = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    guard headerLength <= UInt64(bytes.count - 8) else {
      throw .truncated(
        source: source, needed: headerLength > UInt64(Int.max / 2) ? Int.max : 8 + Int(headerLength),
        available: bytes.count)
    }
    let dataStart = 8 + Int(headerLength)
    let header: [String: Any]
    do {
      let object = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
      guard let dictionary = object as? [String: Any] else {
        throw ModelFileError.badHeader(source: source, reason: "the header is JSON but not an object")
      }
      header = dictionary
    } catch let error as ModelFileError {
      throw error
    } catch {
      throw .badHeader(source: source, reason: "the header is not valid JSON (\(error.localizedDescription))")
    }

    var metadata: [String: String] = [:]
    if let raw = header["__metadata__"] {
      guard let map = raw as? [String: String] else {
        throw .badHeader(source: source, reason: "__metadata__ must map strings to strings")
      }
      metadata = map
    }

    let payload = bytes.count - dataStart
    var ranges: [(name: String, range: Range<Int>)] = []
    var tensors: [String: SafeTensor] = [:]
    for (name, entry) in header where name != "__metadata__" {
      let (dtype, shape, count, range) = try Self.parseEntry(name, entry, source: source)
      guard dtype == "F32" else { throw .unsupportedDType(source: source, tensor: name, dtype: dtype) }
      guard range.upperBound <= payload else {
        throw .truncated(source: source, needed: dataStart + range.upperBound, available: bytes.count)
      }
      guard range.count == count * MemoryLayout<Float>.size else {
        throw .badHeader(
          source: source,
          reason:
            "tensor '\(name)' of shape \(shape) needs \(count * 4) bytes but data_offsets span \(range.count)"
        )
      }
      let values = (0..<count).map { i in
        let at = dataStart + range.lowerBound + 4 * i
        return Float(
          bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8
            | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
      }
      tensors[name] = SafeTensor(shape: shape, values: values)
      ranges.append((name, range))
    }
    var expectedStart = 0
    for (name, range) in ranges.sorted(by: {
      ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound)
    }) {
      guard range.lowerBound == expectedStart else {
        throw .badHeader(
          source: source,
          reason:
            "tensor '\(name)' starts at byte \(range.lowerBound), expected \(expectedStart) (overlap or gap)")
      }
      expectedStart = range.upperBound
    }
    guard expectedStart == payload else {
      throw .badHeader(
        source: source, reason: "tensors cover \(expectedStart) data bytes but the file has \(payload)")
    }
    self.init(tensors: tensors, metadata: metadata)
  }

  /// Reads one tensor entry `{"dtype", "shape", "data_offsets"}` of the header.
  private static func parseEntry(
    _ name: String, _ entry: Any, source: String
  ) throws(ModelFileError) -> (dtype: String, shape: [Int], count: Int, range: Range<Int>) {
    guard let fields = entry as? [String: Any] else {
      throw .badHeader(source: source, reason: "entry '\(name)' is not an object")
    }
    guard let dtype = fields["dtype"] as? String else {
      throw .badHeader(source: source, reason: "tensor '\(name)' has no string 'dtype'")
    }
    guard let shape = fields["shape"] as? [Int], shape.allSatisfy({ $0 >= 0 }) else {
      throw .badHeader(
        source: source, reason: "tensor '\(name)' has no 'shape' list of non-negative integers")
    }
    var count = 1
    for dimension in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow, product <= Int.max / 8 else {
        throw .badHeader(source: source, reason: "tensor '\(name)' has an impossibly large shape \(shape)")
      }
      count = product
    }
    guard let offsets = fields["data_offsets"] as? [Int], offsets.count == 2, 0 <= offsets[0],
      offsets[0] <= offsets[1]
    else {
      throw .badHeader(
        source: source, reason: "tensor '\(name)' needs 'data_offsets' [begin, end] with begin ≤ end")
    }
    return (dtype, shape, count, offsets[0]..<offsets[1])
  }
}
