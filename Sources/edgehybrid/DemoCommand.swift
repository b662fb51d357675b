import ArgumentParser
import EdgeCore
import Foundation
import Learning
import Vibration

/// `edgehybrid demo`: the whole pipeline on simulated machines, from data to the decision table.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Run the pipeline end to end on simulated machines: data, edge and cloud models, decision table.",
    discussion: """
      Simulates a fleet of motors through an MPU6050, trains the cloud autoencoder and the edge \
      autoencoder (raw and spectral front-ends) on normal windows, fits the edge's two thresholds, and \
      measures edge-only, hybrid and cloud-only detection on a test set of normal and faulty windows. \
      Everything it makes (data, models, thresholds, report.json) stays in --out.

      Examples:
        edgehybrid demo
        edgehybrid demo --epochs 30 --out /tmp/demo
      """
  )

  @Option(help: "Directory for the data, models and report.")
  var out = "edgehybrid-data/demo"

  @Option(help: "Seed for the simulated fleet and for training.")
  var seed: UInt64 = 1234

  @Option(help: "Maximum training epochs per model (early stopping on validation loss ends most sooner).")
  var epochs = 100

  func run() async throws {
    let started = Date()
    let directory = URL(fileURLWithPath: out)
    let dataDirectory = directory.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)

    step("simulating 8 machines through an MPU6050 (±2 g, 16 bit, 200 Hz)")
    let data = SimulatedDataset(spec: SimulatedDatasetSpec(seed: seed))
    try data.write(to: dataDirectory, formats: [.npy])
    print(
      "  \(data.train.count) training, \(data.validation.count) validation, \(data.test.count) test windows "
        + "(half faulty: imbalance, misalignment, looseness, bearing) → \(dataDirectory.path)")

    let layout = SignalLayout(data.spec.format)
    let train = DatasetFiles.matrix(data.train)
    let validation = DatasetFiles.matrix(data.validation)
    let test = DatasetFiles.matrix(data.test)
    let labels = (data.test.labels ?? []).map { $0 != 0 }

    var trained: [String: (model: Autoencoder, thresholds: ThresholdsDocument)] = [:]
    for (name, preset, kind) in [
      ("cloud", ModelPreset.cloud, FrontEndKind.raw), ("edge", .edge, .raw), ("edge-spectral", .edge, .spectral),
    ] {
      step("training \(name) (\(kind.name) front-end, \(preset.hiddenSizes.map(String.init).joined(separator: "-")) hidden)")
      let spec = FrontEndSpec(kind: kind, layout: layout)
      let features = spec.features(ofWindows: train)
      let progress = EpochProgress(label: "  \(name)")
      let model = Autoencoder.train(
        features: features, validation: spec.features(ofWindows: validation), frontEnd: spec, preset: preset,
        config: TrainingConfig(epochs: epochs, seed: seed, earlyStopping: EarlyStopping(patience: 10)),
        onEpoch: progress.show)
      progress.finish(stoppedEarly: model.metadata.training?.stoppedEarly ?? false)
      let thresholds = try ThresholdsDocument(fitting: model.reconstructionErrors(features: features), version: 1)
      let path = directory.appendingPathComponent("\(name).safetensors")
      try model.save(to: path)
      try thresholds.write(to: URL(fileURLWithPath: ModelFiles.thresholdsPath(forModel: path.path)))
      trained[name] = (model, thresholds)
    }

    step("evaluating on \(data.test.count) labelled windows")
    let edge = trained["edge"]!
    let cloud = trained["cloud"]!
    let report = try HybridReport(
      labels: labels, edgeName: "edge raw (float)", edgeMSE: edge.model.reconstructionErrors(windows: test),
      edgeThresholds: try edge.thresholds.zoneThresholds(), cloudName: "cloud raw (float)",
      cloudMSE: cloud.model.reconstructionErrors(windows: test),
      cloudThreshold: Float((cloud.thresholds.lowThreshold + cloud.thresholds.highThreshold) / 2),
      extraRankings: [
        (name: "edge spectral (float)", mse: trained["edge-spectral"]!.model.reconstructionErrors(windows: test))
      ])
    print(report.tables)
    let reportURL = directory.appendingPathComponent("report.json")
    try Data(try JSONOutput.string(report).utf8).write(to: reportURL)
    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
    print("\ndone in \(seconds) s; models, thresholds and report.json are in \(directory.path)")
  }

  private func step(_ message: String) {
    print("\n▶ \(message)")
  }
}
