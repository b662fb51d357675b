import Foundation

/// The JSON object `bench edge` prints.
struct EdgeBenchReport: Encodable {
  /// The benchmarked model.
  struct Model: Encodable {
    let origin: String
    let bytes: Int
    let layers: [Int]
    let frontEnd: String
    let multiplyAccumulates: Int
    let engineArenaBytes: Int
    let edgeModelArenaBytes: Int
    let parameterBytes: Int
  }

  let model: Model
  /// Distinct windows the timed calls cycle through.
  let distinctWindows: Int
  /// Timed calls per EdgeCore path.
  let calls: Int
  /// EdgeCore per-call latency by path: `window` (raw window → verdict), `model` (standardized features →
  /// MSE), `invoke` (int8 codes → int8 codes).
  var edgecore: [String: Latency] = [:]
  /// Instructions per window by path, from callgrind.
  var instructionsPerWindow: InstructionCounts?
  /// LiteRT's interpreter on the same model and standardized windows.
  var litert: LiteRTRun?
  /// Output codes where LiteRT's reference kernels and EdgeCore differ over all distinct windows (0: identical).
  var litertReferenceDifferences: Int?
  /// LiteRT time over EdgeCore time (above 1: EdgeCore is faster), medians.
  var ratios: [String: Double] = [:]

  /// A report of `model` to be filled in path by path.
  init(model: Model, distinctWindows: Int, calls: Int) {
    self.model = model
    self.distinctWindows = distinctWindows
    self.calls = calls
  }

  /// LiteRT's medians over EdgeCore's: each LiteRT kernel's invoke and window against EdgeCore's whole
  /// window, its window against EdgeCore's model path (the same work), and invoke against invoke.
  mutating func computeRatios() {
    guard let kernels = litert?.kernels, let window = edgecore["window"], let model = edgecore["model"],
      let invoke = edgecore["invoke"]
    else { return }
    for (name, kernel) in kernels {
      ratios["\(name)_invoke_over_edgecore_window"] = kernel.invoke.medianUs / window.medianUs
      ratios["\(name)_window_over_edgecore_window"] = kernel.window.medianUs / window.medianUs
      ratios["\(name)_window_over_edgecore_model"] = kernel.window.medianUs / model.medianUs
      ratios["\(name)_invoke_over_edgecore_invoke"] = kernel.invoke.medianUs / invoke.medianUs
    }
  }
}

/// LiteRT's timings from `scripts/litert_bench.py`, or why they are missing.
struct LiteRTRun: Encodable {
  /// One timing of the script: median over runs of the per-call median (and 99th percentile).
  struct Timing: Codable {
    let medianUs: Double
    let p99Us: Double
  }

  /// One kernel set's timings.
  struct Kernel: Codable {
    let invoke: Timing
    let window: Timing
  }

  /// Per kernel set: `xnnpack` (the default delegate), `builtin` (optimized kernels), `reference` (BUILTIN_REF).
  var kernels: [String: Kernel]?
  /// Why LiteRT did not run.
  var skipped: String?

  /// Runs `scripts/litert_bench.py` on `model` with `features` (float32 rows), one thread.
  init(model: String, features: String, calls: Int) {
    do {
      let output = try RepositoryScripts.runPython(
        "litert_bench.py", arguments: [model, features, "--calls", String(calls), "--runs", "5"])
      let decoder = JSONDecoder()
      decoder.keyDecodingStrategy = .convertFromSnakeCase
      kernels = try decoder.decode(LiteRTOutput.self, from: Data(output.utf8)).kernels
    } catch {
      skipped = "LiteRT did not run (pip install ai-edge-litert numpy): \(error)"
    }
  }

  /// The script's JSON: the kernel sets at the top level beside `model` and `threads`.
  private struct LiteRTOutput: Decodable {
    let kernels: [String: Kernel]

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: Key.self)
      var kernels: [String: Kernel] = [:]
      for key in container.allKeys {
        if let kernel = try? container.decode(Kernel.self, forKey: key) { kernels[key.stringValue] = kernel }
      }
      self.kernels = kernels
    }

    struct Key: CodingKey {
      let stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }
  }
}

/// Instructions per window counted with callgrind, or why they are missing.
struct InstructionCounts: Encodable {
  /// Per path (`window`, `model`, `invoke`): instructions of one call.
  var perPath: [String: Double] = [:]
  /// The command that counts them (also when valgrind is missing, to run elsewhere).
  var command: String
  /// Why they were not counted.
  var skipped: String?
}

/// Counts instructions per call with callgrind on a small program compiled from EdgeCore's sources and
/// `scripts/edgecore_instructions.swift` (valgrind 3.19 crashes on the async edgehybrid tool's dispatch main
/// thread): two runs with `n` and `2n` calls per path, whose difference over `n` leaves out start-up, loading
/// and preparation.
enum Callgrind {
  /// Counts for every path on `model` and the raw windows file (float32), building the counter in `folder`.
  static func instructionsPerWindow(model: String, windows: String, calls: Int, folder: URL)
    -> InstructionCounts
  {
    let counter = folder.appendingPathComponent("edgecore-count").path
    func arguments(_ path: BenchPath, _ count: Int, output: String) -> [String] {
      [
        "--tool=callgrind", "--callgrind-out-file=\(output)", counter, model, windows, path.rawValue,
        String(count),
      ]
    }
    var counts = InstructionCounts(
      command: "swiftc -O -wmo -parse-as-library -module-name EdgeCoreCount Sources/EdgeCore/*.swift "
        + "scripts/edgecore_instructions.swift -o edgecore-count; valgrind --tool=callgrind edgecore-count "
        + "MODEL WINDOWS.f32 window|model|invoke \(calls), again with \(2 * calls) calls; "
        + "(second − first) / \(calls) is one call")
    let valgrind = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first(
      where: FileManager.default.isExecutableFile)
    guard let valgrind else {
      counts.skipped = "valgrind not found (apt-get install valgrind)"
      return counts
    }
    do {
      let script = try RepositoryScripts.path("edgecore_instructions.swift")
      let sources = URL(fileURLWithPath: script).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EdgeCore")
      let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter {
        $0.hasSuffix(".swift")
      }
      let compile = try Subprocess.run(
        URL(fileURLWithPath: "/usr/bin/env"),
        ["swiftc", "-O", "-wmo", "-parse-as-library", "-module-name", "EdgeCoreCount"]
          + files.sorted().map { sources.appendingPathComponent($0).path } + [script, "-o", counter])
      guard compile.status == 0 else {
        throw RepositoryScripts.Failure(description: "swiftc failed: \(compile.stderr)")
      }
      for path in BenchPath.allCases {
        let once = try total(valgrind, arguments(path, calls, output: counter + ".1"), file: counter + ".1")
        let twice = try total(
          valgrind, arguments(path, 2 * calls, output: counter + ".2"), file: counter + ".2")
        counts.perPath[path.rawValue] = Double(twice - once) / Double(calls)
      }
    } catch {
      counts.skipped = "callgrind failed: \(error)"
    }
    return counts
  }

  /// The total instruction count of one callgrind run (its `summary:` line).
  private static func total(_ valgrind: String, _ arguments: [String], file: String) throws -> Int {
    let result = try Subprocess.run(URL(fileURLWithPath: valgrind), arguments)
    defer { try? FileManager.default.removeItem(atPath: file) }
    guard result.status == 0 else {
      throw RepositoryScripts.Failure(description: "valgrind exited with \(result.status): \(result.stderr)")
    }
    let text = try String(contentsOfFile: file, encoding: .utf8)
    for line in text.split(separator: "\n") where line.hasPrefix("summary:") {
      if let value = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) { return value }
    }
    throw RepositoryScripts.Failure(description: "no instruction total in \(file)")
  }
}
