import EdgeCore
import Foundation
import Testing

/// One converter-made model of `Tests/Fixtures/converter` (made by `scripts/make_converter_fixture.py`):
/// its bytes, test inputs, LiteRT BUILTIN_REF outputs, and what the converter wrote into it.
struct ConverterFixture: CustomTestStringConvertible, Sendable {
  /// The fixtures' folder.
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/converter")
  /// Every fixture.
  static let all: [ConverterFixture] = ["int8_per_channel", "int8_per_tensor", "float_io", "int8_reshape"].map
  {
    ConverterFixture(name: $0)
  }
  /// The fixtures with int8 input and output.
  static let int8: [ConverterFixture] = all.filter { !$0.isFloat }
  /// The fixture with float input and output (QUANTIZE / DEQUANTIZE at the edges).
  static let float = all.first { $0.isFloat }!

  /// File stem.
  let name: String
  /// The `.tflite` bytes.
  let model: [UInt8]
  /// Input rows, back to back (int8 codes, or little-endian float32 for the float model).
  let input: [UInt8]
  /// LiteRT BUILTIN_REF's outputs for them, same encoding.
  let expected: [UInt8]
  /// What the converter wrote, decoded by the flatbuffers schema of ai-edge-litert.
  let manifest: Manifest

  var testDescription: String { name }
  /// Whether the model takes and gives float32.
  var isFloat: Bool { name.hasPrefix("float") }
  /// The model file's path.
  var modelPath: String { Self.directory.appendingPathComponent("\(name).tflite").path }

  init(name: String) {
    func load(_ suffix: String) -> [UInt8] {
      [UInt8](try! Data(contentsOf: Self.directory.appendingPathComponent(name + suffix)))
    }
    self.name = name
    model = load(".tflite")
    input = load(".input.bin")
    expected = load(".expected.bin")
    manifest = try! JSONDecoder().decode(Manifest.self, from: Data(load(".json")))
  }

  /// The `.json` written next to each fixture.
  struct Manifest: Decodable, Sendable {
    let inputs: [Int]
    let outputs: [Int]
    let tensors: [Tensor]
    let operators: [Operator]
    let metadata: [String: Int]

    struct Tensor: Decodable, Sendable {
      let name: String
      let type: Int8
      let shape: [Int]
      let dataBytes: Int
      let scales: [Double]
      let zeroPoints: [Int64]
      let quantizedDimension: Int

      enum CodingKeys: String, CodingKey {
        case name, type, shape, scales
        case dataBytes = "data_bytes"
        case zeroPoints = "zero_points"
        case quantizedDimension = "quantized_dimension"
      }
    }

    struct Operator: Decodable, Sendable {
      let builtin: Int32
      let inputs: [Int]
      let outputs: [Int]
      let activation: Int8
    }
  }
}

extension Array where Element == UInt8 {
  /// A copy with `value` written little-endian at `position`.
  func patching<T: FixedWidthInteger>(_ value: T, at position: Int) -> [UInt8] {
    var copy = self
    Swift.withUnsafeBytes(of: value.littleEndian) { bytes in
      for (offset, byte) in bytes.enumerated() { copy[position + offset] = byte }
    }
    return copy
  }

  /// The bytes read as little-endian float32 values.
  var floats: [Float] {
    stride(from: 0, to: count, by: 4).map { index in
      Float(bitPattern: self[index..<index + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) })
    }
  }

  /// The bytes read as int8 codes.
  var int8: [Int8] { map { Int8(bitPattern: $0) } }
}
