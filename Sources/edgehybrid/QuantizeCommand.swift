import ArgumentParser
import EdgeCore
import Foundation
import Learning

/// `edgehybrid quantize`: a trained float autoencoder → the device's full-integer int8 `.tflite`.
struct QuantizeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quantize",
    abstract: "Quantize a trained float autoencoder to an int8 .tflite with its thresholds.",
    discussion: """
      The training windows calibrate the int8 activation ranges; then the int8 model runs over them \
      exactly as a device does, and the zone thresholds are fitted to those int8 MSEs (thresholds of \
      the float model do not fit int8 reconstructions). The .tflite carries the front-end, the \
      standardization, the thresholds and the version in its metadata; the thresholds document is \
      written beside it (<name>.thresholds.json). Weights are per-tensor by default: the edge preset \
      then stays under 16 KB and older TFLite Micro builds run it.

      Examples:
        edgehybrid quantize --model edge.safetensors --data data/sim/train.csv --out edge.tflite
        edgehybrid quantize --model edge.safetensors --data data/sim/train_X.npy --per-channel \\
          --calibration percentile:99.99 --quantiles 0.975,0.999 --version 4 --test data/sim/test.csv
      """
  )

  @Option(help: "The trained float model (.safetensors).")
  var model: String

  @Option(
    help: "Training windows (.csv or .npy): the calibration data and the MSEs thresholds are fitted to.")
  var data: String

  @Option(help: "The .tflite to write; the thresholds JSON goes beside it.")
  var out = "model.tflite"

  @Flag(help: "One weight scale per output channel (finer, but a larger file) instead of one per layer.")
  var perChannel = false

  @Option(
    help: "Activation ranges: minmax, or percentile:P to clip each tail beyond P % (e.g. percentile:99.99).")
  var calibration = "minmax"

  @Option(name: .customLong("k-low"), help: "Low threshold μ + k_low·σ of the int8 training MSE.")
  var kLow = 2.0

  @Option(name: .customLong("k-high"), help: "High threshold μ + k_high·σ of the int8 training MSE.")
  var kHigh = 4.0

  @Option(help: "Quantile thresholds LOW,HIGH of the int8 training MSE instead of μ + kσ (e.g. 0.975,0.999).")
  var quantiles: String?

  @Option(help: "Model version written into the file and the thresholds document.")
  var version: UInt32 = 1

  @Option(help: "Labelled test windows (.csv or .npy): also compare the float and int8 ROC AUC on them.")
  var test: String?

  @Flag(help: "Print the report as one JSON object.")
  var json = false

  func validate() throws {
    _ = try calibrationMethod()
    _ = try thresholdRule()
  }

  func run() async throws {
    let autoencoder = try Autoencoder(contentsOf: URL(fileURLWithPath: model))
    let training = try CLIData.windows(at: data, layout: autoencoder.frontEnd.layout)
    let builder = EdgeModelBuilder(
      quantization: QuantizationOptions(
        calibration: try calibrationMethod(), weights: perChannel ? .perChannel : .perTensor),
      thresholdRule: try thresholdRule(), version: version)
    let build = try builder.build(autoencoder, trainingWindows: training.windows)

    let thresholdsPath = Self.thresholdsPath(beside: out)
    try Data(build.tflite).write(to: URL(fileURLWithPath: out), options: .atomic)
    try build.thresholds.write(to: URL(fileURLWithPath: thresholdsPath))

    var report = QuantizeReport(
      model: out, thresholdsFile: thresholdsPath, bytes: build.tflite.count,
      weights: perChannel ? "per-channel" : "per-tensor", layers: autoencoder.network.layerSizes,
      version: version, trainingWindows: training.windows.rows, thresholds: build.thresholds,
      comparison: build.comparison, test: nil)
    if let test {
      report.test = try Self.compare(autoencoder, tflite: build.tflite, on: test)
    }
    print(json ? try CLIData.json(report) : report.text)
  }

  /// `<name>.thresholds.json` next to `<name>.tflite` (or next to a model file of another extension).
  static func thresholdsPath(beside model: String) -> String {
    let url = URL(fileURLWithPath: model)
    let stem = url.pathExtension.isEmpty ? model : String(model.dropLast(url.pathExtension.count + 1))
    return stem + ".thresholds.json"
  }

  /// ROC AUC of the float and the int8 model on a labelled set.
  static func compare(_ autoencoder: Autoencoder, tflite: [UInt8], on path: String) throws -> AUCComparison {
    let set = try CLIData.windows(at: path, layout: autoencoder.frontEnd.layout)
    guard let labels = set.labels else {
      throw CLIError("\(path) has no labels: --test needs labelled windows (label column, or a _y.npy file)")
    }
    let float = try RankingMetrics(
      scores: autoencoder.reconstructionErrors(windows: set.windows), labels: labels)
    let int8 = try RankingMetrics(
      scores: try EdgeModelBuilder.deviceMSE(of: tflite, windows: set.windows), labels: labels)
    return AUCComparison(
      file: path, windows: set.windows.rows, floatRocAUC: float.rocAUC, int8RocAUC: int8.rocAUC,
      floatAveragePrecision: float.averagePrecision, int8AveragePrecision: int8.averagePrecision)
  }

  private func calibrationMethod() throws -> CalibrationMethod {
    if calibration == "minmax" { return .minMax }
    let prefix = "percentile:"
    guard calibration.hasPrefix(prefix), let value = Double(calibration.dropFirst(prefix.count)),
      value > 50, value <= 100
    else {
      throw ValidationError(
        "--calibration: use minmax or percentile:P with 50 < P ≤ 100 (got '\(calibration)')")
    }
    return .percentile(value)
  }

  private func thresholdRule() throws -> ThresholdRule {
    guard let quantiles else { return .sigma(kLow: kLow, kHigh: kHigh) }
    let values = try CLIData.numbers(quantiles, option: "--quantiles")
    guard values.count == 2 else { throw ValidationError("--quantiles takes two numbers, LOW,HIGH") }
    return .quantile(low: values[0], high: values[1])
  }
}

/// What `quantize` made and how the int8 model compares with the float one.
struct QuantizeReport: Encodable {
  let model: String
  let thresholdsFile: String
  let bytes: Int
  let weights: String
  let layers: [Int]
  let version: UInt32
  let trainingWindows: Int
  let thresholds: ThresholdsDocument
  let comparison: QuantizationComparison
  var test: AUCComparison?

  /// The report for a terminal.
  var text: String {
    let c = comparison
    func zones(_ z: ZoneFractions) -> String {
      [z.normal, z.ambiguous, z.anomaly].map { String(format: "%.1f", 100 * $0) }.joined(separator: "/")
        + " %"
    }
    var lines = [
      "wrote \(model): \(bytes) bytes, \(layers.map(String.init).joined(separator: "-")), \(weights) weights, "
        + "version \(version)",
      "wrote \(thresholdsFile): \(thresholds.method.rawValue) thresholds of the int8 training MSE "
        + "(\(trainingWindows) windows): low \(CLIData.format(thresholds.lowThreshold)), "
        + "high \(CLIData.format(thresholds.highThreshold)) (μ \(CLIData.format(thresholds.mu)), "
        + "σ \(CLIData.format(thresholds.sigma)))",
      "float vs int8 on the training windows: mean MSE \(CLIData.format(c.floatMeanMSE)) vs "
        + "\(CLIData.format(c.int8MeanMSE)), correlation \(CLIData.format(c.mseCorrelation, digits: 5)), "
        + "mean |Δ| \(CLIData.format(c.meanAbsoluteDifference)), max |Δ| \(CLIData.format(c.maxAbsoluteDifference))",
      "zones normal/ambiguous/anomaly (each with its own thresholds): float \(zones(c.floatZones)), "
        + "int8 \(zones(c.int8Zones)); same zone for \(String(format: "%.1f", 100 * c.zoneAgreement)) % of windows",
    ]
    if let test {
      lines.append(
        "\(test.file) (\(test.windows) labelled windows): ROC AUC float \(CLIData.format(test.floatRocAUC)), "
          + "int8 \(CLIData.format(test.int8RocAUC)) (Δ \(String(format: "%+.4f", test.int8RocAUC - test.floatRocAUC)))"
      )
    }
    return lines.joined(separator: "\n")
  }
}

/// Float and int8 ranking quality on one labelled set.
struct AUCComparison: Encodable {
  let file: String
  let windows: Int
  let floatRocAUC: Double
  let int8RocAUC: Double
  let floatAveragePrecision: Double
  let int8AveragePrecision: Double
}
