import ArgumentParser
import Foundation
import Vibration

/// `edgehybrid simulate`: writes seeded train, validation, test and marginal vibration sets.
struct SimulateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate MPU6050 motor-vibration datasets (train, val, test, marginal) as CSV and NPY.",
    discussion: """
      A fleet of different machines is simulated through an MPU6050 (±2 g, 16 bit, 400 µg/√Hz, \
      DLPF). train and val hold normal windows only; test holds half normal windows and half faults \
      (imbalance, misalignment, looseness, bearing) of random severity; marginal holds mild faults \
      that should land near the detection thresholds. manifest.json records how to reproduce it.

      Examples:
        edgehybrid simulate
        edgehybrid simulate --out data/sim-1k --sample-rate 1000 --samples 500
        edgehybrid simulate --seed 7 --train 2000 --severity-min 0.3 --format npy
      """
  )

  @Option(help: "Directory to write into (created if missing).")
  var out = "data/sim"

  @Option(help: "Seed: the same seed and options give the same bytes.")
  var seed: UInt64 = 1234

  @Option(help: "Normal training windows.")
  var train = 5000

  @Option(help: "Normal validation windows.")
  var val = 1000

  @Option(help: "Normal windows in the test set.")
  var testNormal = 2000

  @Option(help: "Faulty windows in the test set (equal shares per fault mode).")
  var testFaults = 2000

  @Option(help: "Mild faulty windows in the marginal set.")
  var marginal = 1000

  @Option(help: "Number of different machines in the fleet.")
  var machines = 8

  @Option(help: "Slowest machine shaft speed in rpm.")
  var rpmMin = 1400.0

  @Option(help: "Fastest machine shaft speed in rpm.")
  var rpmMax = 1800.0

  @Option(help: "Output sampling rate in Hz.")
  var sampleRate = 200.0

  @Option(help: "Samples per axis in one window.")
  var samples = 100

  @Option(help: "Accelerometer axes (x horizontal, y axial, z vertical).")
  var axes = 3

  @Option(help: "Lowest fault severity in the test set (0…1).")
  var severityMin: Float = 0.05

  @Option(help: "Highest fault severity in the test set (0…1).")
  var severityMax: Float = 1

  @Option(help: "Lowest severity in the marginal set (0…1).")
  var marginalMin: Float = 0.1

  @Option(help: "Highest severity in the marginal set (0…1).")
  var marginalMax: Float = 0.3

  @Option(help: "File formats to write, comma-separated: csv, npy.")
  var format = "csv,npy"

  func validate() throws {
    for (name, low, high) in [("severity", severityMin, severityMax), ("marginal", marginalMin, marginalMax)]
    {
      guard 0 <= low, low <= high, high <= 1 else {
        throw ValidationError("--\(name)-min/max must satisfy 0 ≤ min ≤ max ≤ 1 (got \(low)…\(high))")
      }
    }
    guard 0 < rpmMin, rpmMin <= rpmMax else {
      throw ValidationError("--rpm-min/max must satisfy 0 < min ≤ max")
    }
    guard sampleRate > 0, samples > 0, axes > 0, machines > 0 else {
      throw ValidationError("--sample-rate, --samples, --axes and --machines must be positive")
    }
    guard [train, val, testNormal, testFaults, marginal].allSatisfy({ $0 >= 0 }) else {
      throw ValidationError("window counts cannot be negative")
    }
    _ = try fileFormats()
  }

  func run() async throws {
    let spec = SimulatedDatasetSpec(
      seed: seed, format: WindowFormat(samplesPerWindow: samples, axes: axes, sampleRateHz: sampleRate),
      machineCount: machines, shaftSpeedRPM: rpmMin...rpmMax, trainCount: train, validationCount: val,
      testNormalCount: testNormal,
      testFaultCount: testFaults, marginalCount: marginal, testSeverity: severityMin...severityMax,
      marginalSeverity: marginalMin...marginalMax)
    let started = Date()
    let dataset = SimulatedDataset(spec: spec)
    let manifest = try dataset.write(to: URL(fileURLWithPath: out), formats: try fileFormats())
    let counts = dataset.namedSets.map { "\($0.name) \($0.set.count)" }.joined(separator: ", ")
    print(
      "wrote \(counts) windows of \(spec.format.valuesPerWindow) values to \(out) "
        + "(\(manifest.files.count) files, \(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
  }

  /// The formats named by `--format`.
  private func fileFormats() throws -> Set<DatasetFileFormat> {
    let names = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    let formats = try names.map { name in
      guard let format = DatasetFileFormat(rawValue: name) else {
        throw ValidationError("--format: unknown '\(name)'; use csv, npy or csv,npy")
      }
      return format
    }
    guard !formats.isEmpty else { throw ValidationError("--format needs at least one of csv, npy") }
    return Set(formats)
  }
}
