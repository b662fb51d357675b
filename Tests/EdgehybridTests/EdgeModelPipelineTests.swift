import ArgumentParser
import EdgeCore
import Foundation
import Learning
import Testing
import Vibration

@testable import edgehybrid

/// The device model end to end on simulated vibration: train, quantize, run as the device does.
@Suite struct EdgeModelPipelineTests {
  /// A seeded simulator set: normal training windows, and a labelled test set of normal and faulty ones.
  static let dataset = SimulatedDataset(
    spec: SimulatedDatasetSpec(
      seed: 2024, trainCount: 1_500, validationCount: 0, testNormalCount: 400, testFaultCount: 400,
      marginalCount: 0))
  static let frontEnd = FrontEndSpec(kind: .raw, layout: SignalLayout(dataset.spec.format))
  static let train = DatasetFiles.matrix(dataset.train)
  static let autoencoder = Autoencoder.train(
    features: frontEnd.features(ofWindows: train), frontEnd: frontEnd, preset: .edge,
    config: TrainingConfig(epochs: 30, seed: 5))
  static let build = try! EdgeModelBuilder().build(autoencoder, trainingWindows: train)

  static func matrix(_ set: WindowSet) -> Matrix {
    Matrix(rows: set.count, cols: set.width, values: set.values)
  }

  @Test func int8ROCAUCIsWithinOneHundredthOfTheFloatModelsOnSimulatedFaults() throws {
    let test = DatasetFiles.matrix(Self.dataset.test)
    let labels = try #require(Self.dataset.test.labels).map { $0 == 1 }
    let float = try RankingMetrics(
      scores: Self.autoencoder.reconstructionErrors(windows: test), labels: labels)
    let int8 = try RankingMetrics(
      scores: try EdgeModelBuilder.deviceMSE(of: Self.build.tflite, windows: test), labels: labels)
    #expect(abs(int8.rocAUC - float.rocAUC) <= 0.01, "ROC AUC float \(float.rocAUC), int8 \(int8.rocAUC)")
    #expect(float.rocAUC > 0.8, "the float model detects the simulated faults (ROC AUC \(float.rocAUC))")
    print(
      "simulated test set: ROC AUC float \(float.rocAUC), int8 \(int8.rocAUC); .tflite \(Self.build.tflite.count) bytes"
    )
    if ProcessInfo.processInfo.environment["EDGEHYBRID_RECORD_FIXTURES"] == "1" { try Self.recordFixture() }
  }

  @Test func edgePresetFileIsAtMostSixteenKilobytes() {
    #expect(Self.build.tflite.count <= 16 * 1024)
  }

  @Test func quantizeWritesTheModelAndItsThresholdsAndInferRunsIt() async throws {
    let folder = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (floatModel, trainCSV, testCSV, out) = (
      folder.appendingPathComponent("edge.safetensors"), folder.appendingPathComponent("train.csv"),
      folder.appendingPathComponent("test.csv"), folder.appendingPathComponent("edge-int8.tflite")
    )
    try Self.autoencoder.save(to: floatModel)
    try Self.dataset.train.writeCSV(to: trainCSV)
    try Self.dataset.test.writeCSV(to: testCSV)

    let quantize = try QuantizeCommand.parse([
      "--model", floatModel.path, "--data", trainCSV.path, "--version", "3", "--test", testCSV.path,
    ])
    try await quantize.run()
    let bytes = [UInt8](try Data(contentsOf: out))
    let thresholds = try ThresholdsDocument(
      contentsOf: folder.appendingPathComponent("edge-int8.thresholds.json"))
    #expect(bytes.count == Self.build.tflite.count)
    #expect(thresholds.version == 3 && thresholds.lowThreshold == Self.build.thresholds.lowThreshold)
    #expect(try EdgeModel(bytes: bytes).modelVersion == 3)

    let inspection = try ModelInspection(bytes: bytes, file: out.path)
    #expect(inspection.operators.map(\.op) == Array(repeating: "FULLY_CONNECTED", count: 4))
    #expect(inspection.operators.map(\.activation) == ["RELU", "RELU", "RELU", "NONE"])
    #expect(inspection.multiplyAccumulates == 300 * 16 + 16 * 8 + 8 * 16 + 16 * 300)
    #expect(inspection.edgehybrid?.modelVersion == 3 && inspection.edgehybrid?.frontEnd == "raw")
    #expect(inspection.edgehybrid?.thresholds.low == Float(thresholds.lowThreshold))
    #expect(inspection.metadataEntries.keys.sorted() == ["edgehybrid", "min_runtime_version"])
    #expect(inspection.text.contains("FULLY_CONNECTED") && inspection.text.contains("thresholds (sigma)"))
    #expect(try JSONOutput.string(inspection).contains("\"multiply_accumulates\""))

    let infer = try InferCommand.parse([out.path, "--data", testCSV.path, "--summary"])
    try await infer.run()
    #expect(throws: (any Error).self) {
      try QuantizeCommand.parse([
        "--model", floatModel.path, "--data", trainCSV.path, "--out",
        folder.appendingPathComponent("edge.tflite").path,
      ])
    }
  }

  @Test func inferReportsZonesAUCAndEdgeOnlyConfusionForLabelledWindows() throws {
    let thresholds = try ZoneThresholds(low: 1, high: 3)
    let mse: [Float] = [0.5, 2, 4, 0.2, 5, 2.5]
    let labels = [false, false, true, false, true, true]
    let windows = mse.enumerated().map {
      InferenceReport.Window(
        index: $0.offset, mse: $0.element, zone: thresholds.classify($0.element).name, label: nil)
    }
    let report = try InferenceReport(
      model: "m", data: "d", modelVersion: 1, thresholds: thresholds, windows: windows, labels: labels,
      includeWindows: false)
    #expect((report.zones.normalCount, report.zones.ambiguousCount, report.zones.anomalyCount) == (2, 2, 2))
    let labelled = try #require(report.labelled)
    #expect(labelled.ranking.rocAUC == 1)
    // 2 is closer to low (normal), 2.5 closer to high (anomaly): the fallback decisions are all right.
    #expect(labelled.edgeOnly.truePositives == 3 && labelled.edgeOnly.trueNegatives == 3)
    #expect(
      labelled.zonesOfNormalWindows.ambiguousCount == 1 && labelled.zonesOfAnomalousWindows.anomalyCount == 2)
    #expect(report.windows == nil && report.text.contains("ROC AUC"))
  }

  @Test func windowFormatsAndSignalLayoutsConvertBothWays() {
    let format = WindowFormat(samplesPerWindow: 500, axes: 6, sampleRateHz: 1_000)
    let layout = SignalLayout(format)
    #expect(layout == SignalLayout(samplesPerWindow: 500, axes: 6, sampleRateHz: 1_000))
    #expect(WindowFormat(layout) == format)
  }

  @Test func inferRefusesWindowsOfAnotherWidthAndMalformedStatistics() async throws {
    let folder = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("narrow.csv")
    try Data("1,2,3\n4,5,6\n".utf8).write(to: file)
    let infer = try InferCommand.parse([Self.fixture, "--data", file.path])
    await #expect(throws: DatasetError.self) { try await infer.run() }
    #expect(throws: ValidationError.self) { try InferCommand.numbers("0.9,x", "--means") }
    #expect(try InferCommand.numbers("0.01, -0.02,0.98", "--means") == [0.01, -0.02, 0.98])
  }

  /// Our committed `.tflite` fixture (with EdgeHybrid metadata).
  static let fixture = fixtures.appendingPathComponent("edge_raw.tflite").path
  /// `Tests/Fixtures/edgehybrid`.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/edgehybrid")

  /// Writes the built model under `Tests/Fixtures/edgehybrid`, where the EdgeCore interop test runs it
  /// against LiteRT (run with `EDGEHYBRID_RECORD_FIXTURES=1` to remake it).
  static func recordFixture() throws {
    try FileManager.default.createDirectory(at: fixtures, withIntermediateDirectories: true)
    try Data(build.tflite).write(to: URL(fileURLWithPath: fixture))
    try build.thresholds.write(to: fixtures.appendingPathComponent("edge_raw.thresholds.json"))
  }
}
