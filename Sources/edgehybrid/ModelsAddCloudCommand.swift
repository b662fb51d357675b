import ArgumentParser
import CloudServer
import Foundation
import Learning
import Vibration

extension ModelsCommand {
  /// `edgehybrid models add-cloud`: register a float cloud autoencoder with its threshold and calibration.
  struct AddCloud: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add-cloud",
      abstract:
        "Register a float cloud model: threshold from its training windows, confidence calibrated on labelled ones.",
      discussion: """
        The decision threshold is μ + k·σ of the model's MSE on the (normal) training windows. The
        confidence is a Platt (logistic) calibration of log(MSE) fitted on a labelled validation set that
        holds both normal and faulty windows. Files are CSV (label first when labelled) or NPY
        (name_X.npy with name_y.npy labels).

          edgehybrid models add-cloud --model cloud.safetensors --train data/train.csv --validation data/test.csv
        """)

    @Option(help: "The float model (safetensors, as 'edgehybrid train' writes it).")
    var model: String

    @Option(help: "Normal training windows (CSV or NPY).")
    var train: String

    @Option(help: "Labelled validation windows with normals and faults (CSV or NPY).")
    var validation: String

    @Option(help: "σ multiplier of the cloud decision threshold.")
    var k: Double = 3

    @Flag(help: "Register it without making it answer /classify.")
    var candidate = false

    @OptionGroup var data: DataDirectoryOption

    func run() async throws {
      let autoencoder = try Autoencoder(contentsOf: URL(fileURLWithPath: model))
      let layout = autoencoder.frontEnd.layout
      let format = WindowFormat(
        samplesPerWindow: layout.samplesPerWindow, axes: layout.axes,
        sampleRateHz: Double(layout.sampleRateHz))
      let trainSet = try WindowSet.read(contentsOf: URL(fileURLWithPath: train), format: format)
      let validationSet = try WindowSet.read(contentsOf: URL(fileURLWithPath: validation), format: format)
      guard let labels = validationSet.labels else {
        throw ValidationError(
          "\(validation) has no labels; the calibration needs normal (0) and faulty (1) windows")
      }
      let record = try await data.open().registry.addCloudModel(
        autoencoder, trainWindows: Self.matrix(trainSet), validationWindows: Self.matrix(validationSet),
        validationLabels: labels.map(Int.init), k: k, makeCurrent: !candidate)
      print(
        "registered \(record.card.modelID): threshold \(record.card.threshold) (μ+\(k)σ), validation accuracy"
          + " \(record.card.validation.accuracy), Brier \(record.card.validation.brierScore)")
    }

    private static func matrix(_ set: WindowSet) -> Matrix {
      Matrix(rows: set.count, cols: set.width, values: set.values)
    }
  }
}
