import EdgeCore
import Foundation
import Learning
import Vibration

/// Windows read from a dataset file for a command: one window a row, with labels when the file has them.
struct WindowData {
  /// The file they came from, as given.
  let path: String
  /// The windows, one a row (`layout.valuesPerWindow` values, sample-major interleaved).
  let windows: Matrix
  /// Per window: true for an anomaly; nil when the file is unlabelled.
  let labels: [Bool]?
}

/// A command's input that cannot be used: the message says what is wrong and what to do.
struct CLIError: Error, CustomStringConvertible {
  /// What is wrong and what to do.
  let description: String

  /// An error with its message.
  init(_ description: String) { self.description = description }
}

/// Helpers the commands share: reading datasets, parsing lists, printing JSON.
enum CLIData {
  /// Reads a `.csv` or `.npy` dataset (`name_X.npy` brings its `name_y.npy` labels) whose windows must have
  /// `layout`'s shape.
  static func windows(at path: String, layout: SignalLayout) throws -> WindowData {
    let set = try WindowSet.read(contentsOf: URL(fileURLWithPath: path), format: WindowFormat(layout))
    guard set.width == layout.valuesPerWindow else {
      throw CLIError(
        "\(path): windows of \(set.width) values, but the model reads \(layout.samplesPerWindow) samples × "
          + "\(layout.axes) axes = \(layout.valuesPerWindow) values")
    }
    return WindowData(
      path: path, windows: Matrix(rows: set.count, cols: set.width, values: set.values),
      labels: set.labels?.map { $0 == 1 })
  }

  /// Comma-separated numbers of an option (e.g. `--quantiles 0.975,0.999`).
  static func numbers(_ text: String, option: String) throws -> [Double] {
    try text.split(separator: ",").map { part in
      guard let value = Double(part.trimmingCharacters(in: .whitespaces)), value.isFinite else {
        throw CLIError(
          "\(option): '\(part)' is not a number; give comma-separated numbers such as 0.975,0.999")
      }
      return value
    }
  }

  /// A value as pretty, key-sorted JSON: what `--json` and the benchmarks print.
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// A number with `digits` significant digits, for one-line reports.
  static func format(_ value: Double, digits: Int = 4) -> String {
    String(format: "%.\(digits)g", value)
  }
}

extension SignalLayout {
  /// The layout of a dataset's window format (rates become single precision, as on the device).
  init(_ format: WindowFormat) {
    self.init(
      samplesPerWindow: format.samplesPerWindow, axes: format.axes, sampleRateHz: Float(format.sampleRateHz))
  }
}

extension WindowFormat {
  /// The dataset window format of a model's layout.
  init(_ layout: SignalLayout) {
    self.init(
      samplesPerWindow: layout.samplesPerWindow, axes: layout.axes, sampleRateHz: Double(layout.sampleRateHz))
  }
}
