import ArgumentParser
import EdgeCore
import Foundation
import Learning
import Vibration

/// `edgehybrid infer`: a `.tflite` over a dataset, window by window, exactly as a device runs it.
struct InferCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "infer",
    abstract: "Run a .tflite over windows as a device does: MSE and zone per window, with a summary.",
    discussion: """
      Each window goes through EdgeCore: front-end, standardization, int8 inference, MSE and the \
      three zones, configured from the model's EdgeHybrid metadata. For labelled data the ROC AUC \
      and the confusion matrix of edge-only decisions (ambiguous windows go to the closer \
      threshold, as a device does offline) follow. A model without EdgeHybrid metadata (one made \
      by TensorFlow's converter) needs its standardization and thresholds on the command line.

      Examples:
        edgehybrid infer edge.tflite --data data/sim/test.csv
        edgehybrid infer edge.tflite --data data/sim/test_X.npy --summary --json
        edgehybrid infer lesson7.tflite --data test.csv --means 0,0,1 --stds 0.3,0.3,0.3 \\
          --thresholds lesson7.thresholds.json
      """
  )

  @Argument(help: "The .tflite model.")
  var model: String

  @Option(help: "Windows to run (.csv or .npy); labels, when present, add ROC AUC and a confusion matrix.")
  var data: String

  @Flag(help: "Print one JSON object.")
  var json = false

  @Flag(help: "Leave out the per-window lines.")
  var summary = false

  @Option(help: "A thresholds JSON (as `quantize` writes) that replaces the model's thresholds.")
  var thresholds: String?

  @Option(help: "Without metadata: the front-end, raw or spectral.")
  var frontEnd = "raw"

  @OptionGroup(title: "Window layout of a model without metadata") var layout: WindowLayoutOptions

  @Option(help: "Without metadata: standardization means, one per axis or one per feature, comma-separated.")
  var means: String?

  @Option(help: "Without metadata: standardization deviations, as many as the means.")
  var stds: String?

  func validate() throws {
    guard FrontEndKind(name: frontEnd) != nil else {
      throw ValidationError("--front-end: use raw or spectral (got '\(frontEnd)')")
    }
  }

  func run() async throws {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: model)))
    var edge = try loadModel(bytes)
    if let thresholds {
      edge.thresholds = try ThresholdsDocument(contentsOf: URL(fileURLWithPath: thresholds)).zoneThresholds()
    }
    let set = try DatasetFiles.read(data, format: WindowFormat(edge.layout))
    let width = set.width
    let labels = set.labels?.map { $0 != 0 }
    var results: [InferenceReport.Window] = []
    set.values.withUnsafeBufferPointer { values in
      for row in 0..<set.count {
        let verdict = edge.evaluate(
          window: UnsafeBufferPointer(rebasing: values[row * width..<(row + 1) * width]))
        results.append(
          InferenceReport.Window(
            index: row, mse: verdict.mse, zone: verdict.zone.name, label: set.labels.map { Int($0[row]) }))
      }
    }
    let report = try InferenceReport(
      model: model, data: data, modelVersion: edge.modelVersion, thresholds: edge.thresholds,
      windows: results,
      labels: labels, includeWindows: !summary)
    print(json ? try JSONOutput.string(report) : report.text)
  }

  /// The model from its metadata, or from the options when it has none.
  private func loadModel(_ bytes: [UInt8]) throws -> EdgeModel {
    do {
      return try EdgeModel(bytes: bytes)
    } catch EdgeModelError.missingMetadata {
      guard let means, let stds else {
        throw ValidationError(
          "\(model) has no EdgeHybrid metadata: give --means and --stds (the training standardization) and "
            + "--thresholds, or make the model with `edgehybrid quantize`")
      }
      guard let thresholds else {
        throw ValidationError(
          "\(model) has no EdgeHybrid metadata: give its thresholds with --thresholds FILE.json")
      }
      let spec = FrontEndSpec(kind: FrontEndKind(name: frontEnd) ?? .raw, layout: layout.layout)
      let meanValues = try Self.numbers(means, "--means")
      let standardization = try ModelMetadata.Standardization(
        mode: meanValues.count == layout.axes ? .perAxis : .perFeature, means: meanValues,
        stds: try Self.numbers(stds, "--stds"))
      let zones = try ThresholdsDocument(contentsOf: URL(fileURLWithPath: thresholds)).zoneThresholds()
      return try EdgeModel(
        bytes: bytes, frontEnd: spec, standardization: standardization, thresholds: zones, modelVersion: 0)
    }
  }
}

extension InferCommand {
  /// The comma-separated numbers of an option.
  static func numbers(_ text: String, _ option: String) throws -> [Float] {
    let parts = text.split(separator: ",")
    let values = parts.compactMap { Float($0.trimmingCharacters(in: .whitespaces)) }
    guard values.count == parts.count, values.allSatisfy(\.isFinite) else {
      throw ValidationError("\(option) takes comma-separated numbers, e.g. 0.01,-0.02,0.98 (got '\(text)')")
    }
    return values
  }
}

/// What `infer` found: per-window verdicts, zone counts, and for labelled data the detection quality.
struct InferenceReport: Encodable {
  /// One window's verdict.
  struct Window: Encodable {
    let index: Int
    let mse: Float
    let zone: String
    let label: Int?
  }

  /// Detection quality on labelled windows.
  struct Labelled: Encodable {
    let ranking: RankingMetrics
    let edgeOnly: ConfusionMatrix
    let zonesOfNormalWindows: ZoneFractions
    let zonesOfAnomalousWindows: ZoneFractions
  }

  let model: String
  let data: String
  let modelVersion: UInt32
  let lowThreshold: Float
  let highThreshold: Float
  let zones: ZoneFractions
  let labelled: Labelled?
  let windows: [Window]?

  /// A report of `windows`' verdicts under `thresholds`.
  init(
    model: String, data: String, modelVersion: UInt32, thresholds: ZoneThresholds, windows: [Window],
    labels: [Bool]?, includeWindows: Bool
  ) throws {
    self.model = model
    self.data = data
    self.modelVersion = modelVersion
    lowThreshold = thresholds.low
    highThreshold = thresholds.high
    let zoneList = windows.map { thresholds.classify($0.mse) }
    zones = ZoneFractions(zoneList)
    self.windows = includeWindows ? windows : nil
    guard let labels else {
      labelled = nil
      return
    }
    let mse = windows.map(\.mse)
    let decisions = mse.map { thresholds.fallbackDecision($0) == .anomaly }
    labelled = Labelled(
      ranking: try RankingMetrics(scores: mse, labels: labels),
      edgeOnly: try ConfusionMatrix(predictions: decisions, labels: labels),
      zonesOfNormalWindows: ZoneFractions(zip(zoneList, labels).filter { !$0.1 }.map(\.0)),
      zonesOfAnomalousWindows: ZoneFractions(zip(zoneList, labels).filter { $0.1 }.map(\.0)))
  }

  /// The report for a terminal.
  var text: String {
    var lines: [String] = []
    if let windows {
      var table = TextTable(
        header: ["window", "mse", "zone"] + (windows.first?.label == nil ? [] : ["label"]))
      for window in windows {
        table.append(
          [String(window.index), Formatting.significant(Double(window.mse)), window.zone]
            + (window.label.map { [String($0)] } ?? []))
      }
      lines += [table.description, ""]
    }
    lines.append(
      "\(model) v\(modelVersion) on \(data): \(zones.total) windows, thresholds low \(lowThreshold), "
        + "high \(highThreshold)")
    lines.append(zones.table.description)
    if let labelled {
      lines += [
        "", labelled.ranking.table.description, "",
        ConfusionMatrix.table([("edge only (ambiguous → closer threshold)", labelled.edgeOnly)]).description,
        "",
        "zones of normal windows: " + Self.shares(labelled.zonesOfNormalWindows),
        "zones of anomalous windows: " + Self.shares(labelled.zonesOfAnomalousWindows),
      ]
    }
    return lines.joined(separator: "\n")
  }

  /// "normal 95.0 %, ambiguous 3.0 %, anomaly 2.0 %".
  static func shares(_ zones: ZoneFractions) -> String {
    [("normal", zones.normal), ("ambiguous", zones.ambiguous), ("anomaly", zones.anomaly)]
      .map { "\($0.0) \(String(format: "%.1f", 100 * $0.1)) %" }.joined(separator: ", ")
  }
}

extension Zone {
  /// `normal`, `ambiguous` or `anomaly`.
  var name: String {
    switch self {
    case .normal: "normal"
    case .ambiguous: "ambiguous"
    case .anomaly: "anomaly"
    }
  }
}
