import EdgeCore
import Foundation
import Learning

/// Seeded models, data and metadata for the quantizer and writer tests.
enum QuantizerFixtures {
  /// A dense autoencoder with He-scaled random weights: ReLU on every layer but the last.
  static func network(_ sizes: [Int], seed: UInt64) -> [FloatDenseLayer] {
    var random = SplitMix64(seed: seed)
    return (0..<(sizes.count - 1)).map { index in
      let (inputs, outputs) = (sizes[index], sizes[index + 1])
      let spread = (2 / Float(inputs)).squareRoot()
      return FloatDenseLayer(
        weights: (0..<(inputs * outputs)).map { _ in random.normal() * spread },
        bias: (0..<outputs).map { _ in random.normal() * 0.1 },
        inputSize: inputs, outputSize: outputs, relu: index < sizes.count - 2)
    }
  }

  /// Standard-normal rows, like standardized features.
  static func calibration(rows: Int, width: Int, seed: UInt64) throws -> CalibrationSet {
    var random = SplitMix64(seed: seed)
    return try CalibrationSet(values: (0..<(rows * width)).map { _ in random.normal() }, width: width)
  }

  /// Raw-window metadata for a model over `layout`.
  static func metadata(layout: SignalLayout = .lesson, version: UInt32 = 3) throws -> ModelMetadata {
    try ModelMetadata(
      modelVersion: version, frontEnd: FrontEndSpec(kind: .raw, layout: layout),
      standardization: .init(
        mode: .perAxis, means: [Float](repeating: 0.01, count: layout.axes),
        stds: [Float](repeating: 0.5, count: layout.axes)),
      thresholds: .init(low: 0.2, high: 0.6, mu: 0.1, sigma: 0.05, kLow: 2, kHigh: 4),
      createdAtUnixSeconds: 1_790_000_000, trainingSummaryUTF8: Array("seeded test model".utf8))
  }
}

extension SplitMix64 {
  /// A standard normal sample (Box–Muller).
  mutating func normal() -> Float {
    let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
    let v = Double.random(in: 0..<1, using: &self)
    return Float((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
  }
}

/// A read-only view of a flatbuffer for checking what the builder and the writer produced.
struct TestFlatBuffer {
  let bytes: [UInt8]

  func u8(_ at: Int) -> UInt8 { bytes[at] }
  func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
  func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) } }
  func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) } }

  /// The root table's position.
  var root: Table { Table(buffer: self, position: Int(u32(0))) }

  /// A table at an absolute position.
  struct Table {
    let buffer: TestFlatBuffer
    let position: Int

    var vtable: Int { position - Int(Int32(bitPattern: buffer.u32(position))) }
    /// Absolute position of a field, or nil when absent from the vtable.
    func field(_ slot: Int) -> Int? {
      let entry = 4 + 2 * slot
      guard entry < Int(buffer.u16(vtable)) else { return nil }
      let offset = Int(buffer.u16(vtable + entry))
      return offset == 0 ? nil : position + offset
    }
    /// Where the offset in a field points.
    func target(_ slot: Int) -> Int? { field(slot).map { $0 + Int(buffer.u32($0)) } }
    func table(_ slot: Int) -> Table? { target(slot).map { Table(buffer: buffer, position: $0) } }
    /// Element count and data position of a vector field.
    func vector(_ slot: Int) -> (count: Int, data: Int)? {
      target(slot).map { (Int(buffer.u32($0)), $0 + 4) }
    }
    func tables(_ slot: Int) -> [Table] {
      guard let (count, data) = vector(slot) else { return [] }
      return (0..<count).map {
        Table(buffer: buffer, position: data + 4 * $0 + Int(buffer.u32(data + 4 * $0)))
      }
    }
    func string(_ slot: Int) -> String? {
      vector(slot).map { String(decoding: buffer.bytes[$0.data..<($0.data + $0.count)], as: UTF8.self) }
    }
    func int32s(_ slot: Int) -> [Int32] {
      guard let (count, data) = vector(slot) else { return [] }
      return (0..<count).map { Int32(bitPattern: buffer.u32(data + 4 * $0)) }
    }
    func floats(_ slot: Int) -> [Float] { int32s(slot).map { Float(bitPattern: UInt32(bitPattern: $0)) } }
    func int64s(_ slot: Int) -> [Int64] {
      guard let (count, data) = vector(slot) else { return [] }
      return (0..<count).map { Int64(bitPattern: buffer.u64(data + 8 * $0)) }
    }
    func bytes(_ slot: Int) -> [UInt8] {
      guard let (count, data) = vector(slot) else { return [] }
      return Array(buffer.bytes[data..<(data + count)])
    }
  }
}
