import ArgumentParser
import EdgeCore
import Foundation
import Learning
import Vibration

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
        edgehybrid quantize --model models/edge.safetensors --data data/sim/train.csv
        edgehybrid quantize --model edge.safetensors --data data/sim/train_X.npy --per-channel \\
          --calibration percentile:99.99 --quantiles 0.975,0.999 --version 4 --test data/sim/test.csv
      """
  )

  @Option(help: "The trained float model (.safetensors).")
  var model: String

  @Option(
    help: "Training windows (.csv or .npy): the calibration data and the MSEs thresholds are fitted to.")
  var data: String

  @Option(help: "The .tflite to write, its thresholds JSON beside it (default: <model>-int8.tflite).")
  var out: String?

  @Flag(help: "One weight scale per output channel (finer, but a larger file) instead of one per layer.")
  var perChannel = false

  @Option(
    help: "Activation ranges: minmax, or percentile:P to clip each tail beyond P % (e.g. percentile:99.99).")
  var calibration = "minmax"

  @OptionGroup var thresholdRule: ThresholdRuleOptions

  @Option(help: "Model version written into the file and the thresholds document.")
  var version: UInt32 = 1

  @Option(help: "Labelled test windows (.csv or .npy): also compare the float and int8 ROC AUC on them.")
  var test: String?

  @Flag(help: "Print the report as one JSON object.")
  var json = false

  func validate() throws {
    _ = try calibrationMethod()
    guard ModelFiles.thresholdsPath(forModel: outPath) != ModelFiles.thresholdsPath(forModel: model) else {
      throw ValidationError(
        "--out \(outPath) would write its int8 thresholds over the float model's "
          + "\(ModelFiles.thresholdsPath(forModel: model)); choose another name, e.g. the default "
          + "\(Self.defaultOut(model: model))")
    }
  }

  /// The `.tflite` path: `--out`, or `<model>-int8.tflite` beside the float model.
  var outPath: String { out ?? Self.defaultOut(model: model) }

  /// `models/edge.safetensors` → `models/edge-int8.tflite`.
  static func defaultOut(model: String) -> String {
    let suffix = URL(fileURLWithPath: model).pathExtension
    return (suffix.isEmpty ? model : String(model.dropLast(suffix.count + 1))) + "-int8.tflite"
  }

  func run() async throws {
    let autoencoder = try Autoencoder(contentsOf: URL(fileURLWithPath: model))
    let training = DatasetFiles.matrix(
      try DatasetFiles.read(data, format: WindowFormat(autoencoder.frontEnd.layout)))
    let builder = EdgeModelBuilder(
      quantization: QuantizationOptions(
        calibration: try calibrationMethod(), weights: perChannel ? .perChannel : .perTensor),
      thresholdRule: try thresholdRule.rule(), version: version)
    let build = try builder.build(autoencoder, trainingWindows: training)

    let thresholdsPath = ModelFiles.thresholdsPath(forModel: outPath)
    try Data(build.tflite).write(to: URL(fileURLWithPath: outPath), options: .atomic)
    try build.thresholds.write(to: URL(fileURLWithPath: thresholdsPath))

    var report = QuantizeReport(
      model: outPath, thresholdsFile: thresholdsPath, bytes: build.tflite.count,
      weights: perChannel ? "per-channel" : "per-tensor", layers: autoencoder.network.layerSizes,
      version: version, trainingWindows: training.rows, thresholds: build.thresholds,
      comparison: build.comparison, test: nil)
    if let test {
      report.test = try Self.compare(autoencoder, tflite: build.tflite, on: test)
    }
    print(json ? try JSONOutput.string(report) : report.text)
  }

  /// ROC AUC of the float and the int8 model on a labelled set.
  static func compare(_ autoencoder: Autoencoder, tflite: [UInt8], on path: String) throws -> AUCComparison {
    let (windows, labels) = try DatasetFiles.readLabelled(
      path, format: WindowFormat(autoencoder.frontEnd.layout))
    let float = try RankingMetrics(scores: autoencoder.reconstructionErrors(windows: windows), labels: labels)
    let int8 = try RankingMetrics(
      scores: try EdgeModelBuilder.deviceMSE(of: tflite, windows: windows), labels: labels)
    return AUCComparison(
      file: path, windows: windows.rows, floatRocAUC: float.rocAUC, int8RocAUC: int8.rocAUC,
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
        + "(\(trainingWindows) windows): low \(Formatting.significant(thresholds.lowThreshold)), "
        + "high \(Formatting.significant(thresholds.highThreshold)) (μ \(Formatting.significant(thresholds.mu)), "
        + "σ \(Formatting.significant(thresholds.sigma)))",
      "float vs int8 on the training windows: mean MSE \(Formatting.significant(c.floatMeanMSE)) vs "
        + "\(Formatting.significant(c.int8MeanMSE)), correlation \(Formatting.significant(c.mseCorrelation, digits: 5)), "
        + "mean |Δ| \(Formatting.significant(c.meanAbsoluteDifference)), max |Δ| \(Formatting.significant(c.maxAbsoluteDifference))",
      "zones normal/ambiguous/anomaly (each with its own thresholds): float \(zones(c.floatZones)), "
        + "int8 \(zones(c.int8Zones)); same zone for \(String(format: "%.1f", 100 * c.zoneAgreement)) % of windows",
    ]
    if let test {
      lines.append(
        "\(test.file) (\(test.windows) labelled windows): ROC AUC float \(Formatting.significant(test.floatRocAUC)), "
          + "int8 \(Formatting.significant(test.int8RocAUC)) (Δ \(String(format: "%+.4f", test.int8RocAUC - test.floatRocAUC)))"
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
