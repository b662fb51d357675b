import ArgumentParser
import EdgeCore
import Foundation
import Learning

/// `edgehybrid evaluate`: the lesson's decision table (edge-only, hybrid, cloud-only) on a labelled set.
struct EvaluateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Measure edge, hybrid and cloud detection on a labelled set: AUCs, zones and accuracies.",
    discussion: """
      The edge model sorts each window into a zone by its thresholds (<model>.thresholds.json); \
      ambiguous windows are decided by the closer threshold (edge only, what a device does when the \
      cloud is unreachable) or by the cloud model (hybrid). The cloud decides at the midpoint of its \
      own thresholds (μ + 3σ with the defaults). Extra --compare models are ranked by ROC and PR AUC.

      Examples:
        edgehybrid evaluate --edge models/edge.safetensors --cloud models/cloud.safetensors --test data/sim/test_X.npy
        edgehybrid evaluate --edge models/edge.safetensors --cloud models/cloud.safetensors \\
            --test data/sim/test.csv --compare models/edge-spectral.safetensors --json
      """
  )

  @Option(help: "Edge float model (safetensors) with its thresholds beside it.")
  var edge = "models/edge.safetensors"

  @Option(help: "Cloud float model (safetensors) with its thresholds beside it.")
  var cloud = "models/cloud.safetensors"

  @Option(help: "Labelled windows, CSV (label first) or NPY (name_X.npy with name_y.npy).")
  var test = "data/sim/test_X.npy"

  @Option(help: "More models to rank on the same windows (repeatable).")
  var compare: [String] = []

  @OptionGroup var layout: WindowLayoutOptions

  @Flag(help: "Print one JSON object instead of tables.")
  var json = false

  func run() async throws {
    let (windows, labels) = try DatasetFiles.readLabelled(test, format: layout.format)
    let edgeModel = try ModelFiles.loadFloatModel(edge)
    let cloudModel = try ModelFiles.loadFloatModel(cloud)
    let extras = try compare.map { path in
      let model = try Autoencoder(contentsOf: URL(fileURLWithPath: path))
      return (name: Self.describe(model, path: path), mse: model.reconstructionErrors(windows: windows))
    }
    let report = try HybridReport(
      labels: labels, edgeName: Self.describe(edgeModel.model, path: edge),
      edgeMSE: edgeModel.model.reconstructionErrors(windows: windows),
      edgeThresholds: try edgeModel.thresholds.zoneThresholds(),
      cloudName: Self.describe(cloudModel.model, path: cloud),
      cloudMSE: cloudModel.model.reconstructionErrors(windows: windows),
      cloudThreshold: Float((cloudModel.thresholds.lowThreshold + cloudModel.thresholds.highThreshold) / 2),
      extraRankings: extras)
    if json {
      print(try JSONOutput.string(report))
    } else {
      print(report.tables)
    }
  }

  /// "edge raw 300-16-8-16-300 (models/edge.safetensors)".
  static func describe(_ model: Autoencoder, path: String) -> String {
    "\(model.metadata.preset) \(model.frontEnd.kind.name) "
      + model.network.layerSizes.map(String.init).joined(separator: "-") + " (\(path))"
  }
}

/// One JSON object on standard output, with snake_case keys.
enum JSONOutput {
  /// Encodes `value` as sorted, snake_case JSON.
  static func string(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
