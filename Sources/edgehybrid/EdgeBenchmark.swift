import ArgumentParser
import EdgeCore
import Foundation
import Learning

/// One model and its benchmark windows prepared for each EdgeCore path: raw windows, their standardized
/// features and the features' int8 codes, so that every timed call does only its path's work.
struct EdgeBenchmark: ~Copyable {
  private var edge: EdgeModel
  private var engine: InferenceEngine
  /// Raw windows, back to back.
  let raw: [Float]
  /// Their standardized features, back to back (what the model receives).
  let standardized: [Float]
  /// The features' int8 input codes, back to back.
  let codes: [Int8]
  /// Values in a raw window.
  let windowWidth: Int
  /// Values in a feature row (model input and output width).
  let featureCount: Int
  /// Distinct windows; the timed calls cycle through them.
  let count: Int
  /// Facts about the model for the report.
  let facts: EdgeBenchReport.Model

  /// Loads `bytes` (a `.tflite` with EdgeHybrid metadata) and prepares `rawWindows` (whole windows of its layout).
  init(model bytes: [UInt8], rawWindows: [Float], origin: String = "") throws {
    var edge = try EdgeModel(bytes: bytes)
    let engine = try InferenceEngine(bytes: bytes)
    let (width, features) = (edge.layout.valuesPerWindow, edge.featureCount)
    guard !rawWindows.isEmpty, rawWindows.count % width == 0 else {
      throw ValidationError("benchmark windows: \(rawWindows.count) values are not whole windows of \(width)")
    }
    let count = rawWindows.count / width
    var standardized = [Float](repeating: 0, count: count * features)
    rawWindows.withUnsafeBufferPointer { input in
      standardized.withUnsafeMutableBufferPointer { output in
        for row in 0..<count {
          edge.standardize(
            window: UnsafeBufferPointer(rebasing: input[row * width..<(row + 1) * width]),
            into: UnsafeMutableBufferPointer(rebasing: output[row * features..<(row + 1) * features]))
        }
      }
    }
    let model = try TFLiteModel(bytes: bytes)
    let weights = model.operators.compactMap { op -> [Int]? in
      guard case .fullyConnected = op.kind else { return nil }
      return model.tensors[op.inputs[1]].shape
    }
    facts = EdgeBenchReport.Model(
      origin: origin, bytes: bytes.count, layers: [engine.inputCount] + weights.map { $0[0] },
      frontEnd: edge.frontEnd.kind.name, multiplyAccumulates: weights.reduce(0) { $0 + $1[0] * $1[1] },
      engineArenaBytes: engine.arenaBytes, edgeModelArenaBytes: edge.arenaBytes,
      parameterBytes: edge.parameterBytes)
    codes = standardized.map(engine.inputQuantization.quantize)
    self.edge = edge
    self.engine = engine
    raw = rawWindows
    self.standardized = standardized
    windowWidth = width
    featureCount = features
    self.count = count
  }

  /// Times `calls` calls of each path, one by one, after a warm-up.
  mutating func measure(calls: Int) -> [BenchPath: Latency] {
    var result: [BenchPath: Latency] = [:]
    for path in BenchPath.allCases {
      var samples = [UInt64](repeating: 0, count: calls)
      sink = loop(path, calls: min(calls, 1_000), times: nil)
      samples.withUnsafeMutableBufferPointer { sink = loop(path, calls: calls, times: $0.baseAddress) }
      result[path] = Latency(nanoseconds: samples)
    }
    return result
  }

  /// `calls` calls of `path`, cycling through the windows; each call's nanoseconds go to `times` if given.
  private mutating func loop(_ path: BenchPath, calls: Int, times: UnsafeMutablePointer<UInt64>?) -> Float {
    var total: Float = 0
    let (raw, standardized, codes) = (self.raw, self.standardized, self.codes)
    raw.withUnsafeBufferPointer { raw in
      standardized.withUnsafeBufferPointer { standardized in
        codes.withUnsafeBufferPointer { codes in
          var output = [Int8](repeating: 0, count: featureCount)
          output.withUnsafeMutableBufferPointer { output in
            for call in 0..<calls {
              let start = times == nil ? 0 : Latency.now()
              total += step(path, call % count, raw, standardized, codes, output)
              if let times { times[call] = Latency.now() &- start }
            }
          }
        }
      }
    }
    return total
  }

  /// How many int8 output codes of LiteRT's reference kernels differ from EdgeCore's over the benchmark windows.
  mutating func differencesFromLiteRTReference(model: String, folder: URL) throws -> Int {
    let inURL = folder.appendingPathComponent("codes.i8")
    let outURL = folder.appendingPathComponent("reference.i8")
    try Data(codes.map { UInt8(bitPattern: $0) }).write(to: inURL)
    _ = try RepositoryScripts.runPython("litert_reference.py", arguments: [model, inURL.path, outURL.path])
    let expected = [UInt8](try Data(contentsOf: outURL)).map { Int8(bitPattern: $0) }
    var ours = [Int8](repeating: 0, count: codes.count)
    let (width, codes) = (featureCount, self.codes)
    codes.withUnsafeBufferPointer { codes in
      ours.withUnsafeMutableBufferPointer { output in
        for row in 0..<count {
          engine.invoke(
            UnsafeBufferPointer(rebasing: codes[row * width..<(row + 1) * width]),
            into: UnsafeMutableBufferPointer(rebasing: output[row * width..<(row + 1) * width]))
        }
      }
    }
    guard expected.count == ours.count else { return ours.count }
    return zip(ours, expected).count { $0 != $1 }
  }

  /// One call of `path` on window `row`; returns its MSE (or an output code) so that it is not optimized away.
  @inline(__always)
  private mutating func step(
    _ path: BenchPath, _ row: Int, _ raw: UnsafeBufferPointer<Float>,
    _ standardized: UnsafeBufferPointer<Float>,
    _ codes: UnsafeBufferPointer<Int8>, _ output: UnsafeMutableBufferPointer<Int8>
  ) -> Float {
    switch path {
    case .window:
      return edge.evaluate(
        window: UnsafeBufferPointer(rebasing: raw[row * windowWidth..<(row + 1) * windowWidth])
      ).mse
    case .model:
      return engine.reconstructionError(
        UnsafeBufferPointer(rebasing: standardized[row * featureCount..<(row + 1) * featureCount]))
    case .invoke:
      engine.invoke(
        UnsafeBufferPointer(rebasing: codes[row * featureCount..<(row + 1) * featureCount]), into: output)
      return Float(output[0])
    }
  }
}

/// Keeps benchmark results alive so that the optimizer cannot drop the calls that made them.
nonisolated(unsafe) var sink: Float = 0

/// Median, 99th percentile and mean of per-call times.
struct Latency: Encodable {
  let medianUs: Double
  let p99Us: Double
  let meanUs: Double

  /// Statistics of call times in nanoseconds.
  init(nanoseconds samples: [UInt64]) {
    let sorted = samples.sorted()
    medianUs = Double(sorted[sorted.count / 2]) / 1e3
    p99Us = Double(sorted[min(sorted.count - 1, sorted.count * 99 / 100)]) / 1e3
    meanUs = Double(sorted.reduce(0, +)) / Double(sorted.count) / 1e3
  }

  /// The monotonic clock in nanoseconds.
  @inline(__always)
  static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
  }
}
