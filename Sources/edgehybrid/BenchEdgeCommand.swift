import ArgumentParser
import EdgeCore
import Foundation
import Learning
import Vibration

/// `edgehybrid bench edge`: EdgeCore's per-window cost against LiteRT's interpreter, same model and windows.
struct BenchEdgeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edge",
    abstract: "Benchmark EdgeCore per window against LiteRT's Python interpreter; print one JSON object.",
    discussion: """
      EdgeCore is timed call by call on three paths: the whole window (front-end, standardization, \
      input quantization, inference, MSE, zone), the model (input quantization, inference, MSE on \
      standardized features) and the bare int8 invoke. In the same run LiteRT's interpreter (one \
      thread) runs the same model on the same standardized windows with its XNNPACK delegate, its \
      builtin kernels and its reference kernels (invoke alone, and quantize → invoke → MSE), and its \
      reference outputs are compared with EdgeCore's code for code. Ratios are LiteRT time over \
      EdgeCore time (above 1: EdgeCore is faster). With valgrind installed, instructions per call \
      are counted with callgrind on a counter compiled from EdgeCore's sources (the difference of \
      two runs, so start-up cancels out). Without --model, a small edge model is trained on \
      simulated windows first. The scripts and EdgeCore's sources come from the repository.

      Examples:
        edgehybrid bench edge
        edgehybrid bench edge --model edge.tflite --data data/sim/test.csv --calls 50000
      """
  )

  @Option(help: "The .tflite to benchmark (with EdgeHybrid metadata); default: train a small one.")
  var model: String?

  @Option(help: "Windows to run (.csv or .npy); default: simulated normal and faulty windows.")
  var data: String?

  @Option(help: "Timed calls per path.")
  var calls = 20_000

  @Option(help: "Timed calls per LiteRT measurement run (five runs; their median is reported).")
  var litertCalls = 5_000

  @Flag(help: "Skip LiteRT.")
  var noLitert = false

  @Flag(help: "Skip counting instructions with callgrind.")
  var noCallgrind = false

  @Option(help: "Calls per callgrind run.")
  var callgrindCalls = 1_000

  func run() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edgehybrid-bench-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }

    let (bytes, origin) = try model.map { (try Self.read($0), $0) } ?? Self.trainSmallModel()
    let modelURL = folder.appendingPathComponent("model.tflite")
    try Data(bytes).write(to: modelURL)
    let layout = try EdgeModel(bytes: bytes).layout
    let raw =
      try data.map { DatasetFiles.matrix(try DatasetFiles.read($0, format: WindowFormat(layout))) }
      ?? Self.simulatedWindows(layout)
    var bench = try EdgeBenchmark(model: bytes, rawWindows: raw.values, origin: origin)

    var report = EdgeBenchReport(model: bench.facts, distinctWindows: bench.count, calls: calls)
    for (path, latency) in bench.measure(calls: calls) { report.edgecore[path.rawValue] = latency }
    if !noLitert {
      let featuresURL = folder.appendingPathComponent("features.f32")
      try Self.write(floats: bench.standardized, to: featuresURL)
      let litert = LiteRTRun(model: modelURL.path, features: featuresURL.path, calls: litertCalls)
      report.litert = litert
      if litert.skipped == nil {
        report.litertReferenceDifferences = try bench.differencesFromLiteRTReference(
          model: modelURL.path, folder: folder)
      }
    }
    if !noCallgrind {
      let rawURL = folder.appendingPathComponent("windows.f32")
      try Self.write(floats: raw.values, to: rawURL)
      report.instructionsPerWindow = Callgrind.instructionsPerWindow(
        model: modelURL.path, windows: rawURL.path, calls: callgrindCalls,
        folder: folder)
    }
    report.computeRatios()
    print(try JSONOutput.string(report))
  }

  /// A model trained for a few epochs on simulated normal windows: the cost of a window does not depend
  /// on how well the model is trained.
  static func trainSmallModel() throws -> ([UInt8], String) {
    let spec = SimulatedDatasetSpec(
      seed: 99, trainCount: 1_000, validationCount: 0, testNormalCount: 0, testFaultCount: 0, marginalCount: 0
    )
    let train = SimulatedDataset(spec: spec).train
    let windows = Matrix(rows: train.count, cols: train.width, values: train.values)
    let frontEnd = FrontEndSpec(kind: .raw, layout: SignalLayout(spec.format))
    let autoencoder = Autoencoder.train(
      features: frontEnd.features(ofWindows: windows), frontEnd: frontEnd, preset: .edge,
      config: TrainingConfig(epochs: 5, seed: 1))
    let build = try EdgeModelBuilder().build(autoencoder, trainingWindows: windows)
    return (build.tflite, "edge preset trained for 5 epochs on 1000 simulated windows (seed 99)")
  }

  /// 256 normal and 256 faulty simulated windows of `layout`.
  static func simulatedWindows(_ layout: SignalLayout) -> Matrix {
    let spec = SimulatedDatasetSpec(
      seed: 7, format: WindowFormat(layout), trainCount: 0, validationCount: 0, testNormalCount: 256,
      testFaultCount: 256, marginalCount: 0)
    let test = SimulatedDataset(spec: spec).test
    return Matrix(rows: test.count, cols: test.width, values: test.values)
  }

  static func read(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Little-endian float32 values back to back (what the LiteRT scripts read).
  static func write(floats: [Float], to url: URL) throws {
    try floats.withUnsafeBytes { try Data($0).write(to: url) }
  }
}

/// The three EdgeCore paths the benchmark times.
enum BenchPath: String, CaseIterable {
  /// Raw window → verdict (`EdgeModel.evaluate`).
  case window
  /// Standardized features → MSE (`InferenceEngine.reconstructionError`).
  case model
  /// Int8 codes → int8 codes (`InferenceEngine.invoke`).
  case invoke
}
