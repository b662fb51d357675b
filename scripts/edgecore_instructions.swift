// Runs EdgeCore on windows for instruction counting under callgrind, without the edgehybrid binary
// (valgrind 3.19 crashes on the dispatch main thread of the async command-line tool).
//
//   swiftc -O -wmo -parse-as-library -module-name EdgeCoreCount \
//     Sources/EdgeCore/*.swift scripts/edgecore_instructions.swift -o edgecore-count
//   valgrind --tool=callgrind edgecore-count model.tflite windows.f32 window|model|invoke CALLS
//
// `windows.f32` holds raw windows (little-endian float32) of the model's layout. The paths are those of
// `edgehybrid bench edge`: window (raw window → verdict), model (standardized features → MSE), invoke (int8
// codes → int8 codes). Preparation is the same for any CALLS, so the difference of two counts over the
// difference of their CALLS is the cost of one call. `edgehybrid bench edge` compiles and runs this.
import Glibc

@main
struct EdgeCoreInstructions {
  static func main() {
    let arguments = CommandLine.arguments
    guard arguments.count == 5, let calls = Int(arguments[4]),
      ["window", "model", "invoke"].contains(arguments[3])
    else { fail("usage: edgecore-count model.tflite windows.f32 window|model|invoke CALLS") }
    var edge: EdgeModel
    var engine: InferenceEngine
    do {
      edge = try EdgeModel(bytes: read(arguments[1]))
      engine = try InferenceEngine(bytes: read(arguments[1]))
    } catch {
      fail("cannot load \(arguments[1]): \(error)")
    }
    let raw = read(arguments[2]).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    let (width, features) = (edge.layout.valuesPerWindow, edge.featureCount)
    let count = raw.count / width
    guard count > 0 else { fail("\(arguments[2]) holds no whole window of \(width) values") }
    var standardized = [Float](repeating: 0, count: count * features)
    var codes = [Int8](repeating: 0, count: count * features)
    var output = [Int8](repeating: 0, count: features)
    var total: Float = 0
    raw.withUnsafeBufferPointer { raw in
      standardized.withUnsafeMutableBufferPointer { standardized in
        for row in 0..<count {
          let target = UnsafeMutableBufferPointer(
            rebasing: standardized[row * features..<(row + 1) * features])
          edge.standardize(
            window: UnsafeBufferPointer(rebasing: raw[row * width..<(row + 1) * width]), into: target)
          for index in 0..<features {
            codes[row * features + index] = engine.inputQuantization.quantize(target[index])
          }
        }
        codes.withUnsafeBufferPointer { codes in
          output.withUnsafeMutableBufferPointer { output in
            for call in 0..<calls {
              let row = call % count
              switch arguments[3] {
              case "window":
                total +=
                  edge.evaluate(window: UnsafeBufferPointer(rebasing: raw[row * width..<(row + 1) * width]))
                  .mse
              case "model":
                total += engine.reconstructionError(
                  UnsafeBufferPointer(rebasing: standardized[row * features..<(row + 1) * features]))
              default:
                engine.invoke(
                  UnsafeBufferPointer(rebasing: codes[row * features..<(row + 1) * features]), into: output)
                total += Float(output[0])
              }
            }
          }
        }
      }
    }
    print(total)
  }

  /// The bytes of a file.
  static func read(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = fread(&chunk, 1, chunk.count, file)
      if got == 0 { break }
      bytes += chunk[0..<got]
    }
    return bytes
  }

  static func fail(_ message: String) -> Never {
    fputs(message + "\n", stderr)
    exit(2)
  }
}
