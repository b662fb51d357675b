import ArgumentParser
import EdgeCore
import Foundation
import Learning
import Vibration

/// The window layout of data files: any sampling rate, window length and axis count.
struct WindowLayoutOptions: ParsableArguments {
  @Option(help: "Sampling rate of the data in Hz.")
  var sampleRate = 200.0

  @Option(help: "Samples per axis in one window.")
  var samples = 100

  @Option(help: "Interleaved axes per sample (x0,y0,z0,x1,…).")
  var axes = 3

  func validate() throws {
    guard sampleRate > 0, samples > 1, axes > 0 else {
      throw ValidationError("--sample-rate, --samples and --axes must be positive (and --samples at least 2).")
    }
  }

  /// The layout as the dataset readers see it.
  var format: WindowFormat { WindowFormat(samplesPerWindow: samples, axes: axes, sampleRateHz: sampleRate) }

  /// The layout as the front-ends see it.
  var layout: SignalLayout { SignalLayout(format) }
}

extension SignalLayout {
  /// The EdgeCore layout of a dataset format.
  init(_ format: WindowFormat) {
    self.init(
      samplesPerWindow: format.samplesPerWindow, axes: format.axes, sampleRateHz: Float(format.sampleRateHz))
  }
}

/// Loads dataset files (CSV or NPY) as training matrices.
enum DatasetFiles {
  /// Reads one CSV/NPY file, checking that its rows are windows of `format`.
  static func read(_ path: String, format: WindowFormat) throws -> WindowSet {
    let set = try WindowSet.read(contentsOf: URL(fileURLWithPath: path), format: format)
    guard set.width == format.valuesPerWindow else {
      throw ValidationError(
        "\(path): rows have \(set.width) values, but \(format.samplesPerWindow) samples × \(format.axes) axes "
          + "make \(format.valuesPerWindow); set --samples/--axes to match the data.")
    }
    return set
  }

  /// Reads a labelled file (0 normal, 1 anomaly), failing when it has no labels.
  static func readLabelled(_ path: String, format: WindowFormat) throws -> (windows: Matrix, labels: [Bool]) {
    let set = try read(path, format: format)
    guard let labels = set.labels else {
      throw ValidationError(
        "\(path) has no labels: give a CSV with a label column first, or name_X.npy with name_y.npy beside it.")
    }
    return (matrix(set), labels.map { $0 != 0 })
  }

  /// The windows of a set as a matrix, one window a row.
  static func matrix(_ set: WindowSet) -> Matrix {
    Matrix(rows: set.count, cols: set.width, values: set.values)
  }

  /// `dir/name_X.npy` when it exists, else `dir/name.csv`: the layout `edgehybrid simulate` writes.
  static func file(named name: String, in directory: String) -> String {
    let npy = URL(fileURLWithPath: directory).appendingPathComponent("\(name)_X.npy").path
    return FileManager.default.fileExists(atPath: npy)
      ? npy : URL(fileURLWithPath: directory).appendingPathComponent("\(name).csv").path
  }
}
