import Foundation

/// A file type the simulator can write a dataset as.
public enum DatasetFileFormat: String, CaseIterable, Codable, Sendable {
  /// One window a row, `label` first, with a header row.
  case csv
  /// `name_X.npy` (float32 windows), `name_y.npy` (uint8 labels), plus `name_type.npy` and `name_sev.npy`.
  case npy
}

/// What a simulated dataset directory holds and how it was made; written as `manifest.json`.
public struct SimulationManifest: Codable, Hashable, Sendable {
  /// The spec that reproduces the data.
  public var spec: SimulatedDatasetSpec
  /// The sensor model actually used.
  public var sensor: SensorModel
  /// The fleet.
  public var machines: [MachineProfile]
  /// Window count per set name (`train`, `val`, `test`, `marginal`).
  public var counts: [String: Int]
  /// Fault-type codes used in `*_type.npy`: "0" normal, then one per mode.
  public var faultTypeCodes: [String: String]
  /// The severity calibration in force.
  public var fullSeverityVelocityMMs: Double
  /// Peak ring of a bearing impact at severity 1, in g.
  public var bearingImpactPeakG: Double
  /// Value layout of a window.
  public var layout: String
  /// Files written, relative to the directory.
  public var files: [String]
}

extension SimulatedDataset {
  /// The sets with the file names the Python reference uses (`train`, `val`, `test`, `marginal`).
  public var namedSets: [(name: String, set: WindowSet)] {
    [("train", train), ("val", validation), ("test", test), ("marginal", marginal)]
  }

  /// Writes every set in each of `formats` into `directory` (created if needed), then `manifest.json`.
  @discardableResult
  public func write(to directory: URL, formats: Set<DatasetFileFormat> = [.csv, .npy]) throws(DatasetError)
    -> SimulationManifest
  {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw DatasetError(
        file: directory.path, location: .file, problem: .unwritable(error.localizedDescription))
    }
    var files = [String]()
    func url(_ name: String) -> URL {
      files.append(name)
      return directory.appendingPathComponent(name)
    }
    for (name, set) in namedSets {
      if formats.contains(.csv) { try set.writeCSV(to: url("\(name).csv")) }
      guard formats.contains(.npy) else { continue }
      try set.writeNPY(windowsTo: url("\(name)_X.npy"), labelsTo: url("\(name)_y.npy"))
      if name == "test" || name == "marginal", let modes = set.faultModes, let severities = set.severities {
        try NPYFile.writeVector(modes.map { $0?.code ?? 0 }, to: url("\(name)_type.npy"))
        try NPYFile.writeVector(severities, to: url("\(name)_sev.npy"))
      }
    }
    let manifest = SimulationManifest(
      spec: spec, sensor: spec.sensor ?? .mpu6050(for: spec.format), machines: machines,
      counts: Dictionary(uniqueKeysWithValues: namedSets.map { ($0.name, $0.set.count) }),
      faultTypeCodes: Dictionary(
        uniqueKeysWithValues: [("0", "normal")] + FaultMode.allCases.map { (String($0.code), $0.rawValue) }),
      fullSeverityVelocityMMs: FaultCalibration.fullSeverityVelocityMMs,
      bearingImpactPeakG: FaultCalibration.bearingImpactPeakG,
      layout:
        "sample-major interleaved x0,y0,z0,x1,… in g; x horizontal radial, y axial, z vertical (gravity)",
      files: files + ["manifest.json"])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      try writeBytes(
        Array(try encoder.encode(manifest)), to: directory.appendingPathComponent("manifest.json"))
    } catch let error as DatasetError {
      throw error
    } catch {
      throw DatasetError(
        file: "manifest.json", location: .file, problem: .unwritable(error.localizedDescription))
    }
    return manifest
  }
}
