import Foundation

extension WindowSet {
  /// Reads a `.csv` or `.npy` dataset file. For `name_X.npy`, the siblings `name_y.npy` (labels),
  /// `name_type.npy` (fault-type codes) and `name_sev.npy` (severities) are read when present.
  public static func read(contentsOf url: URL, format: WindowFormat? = nil) throws(DatasetError) -> WindowSet
  {
    guard url.pathExtension.lowercased() == "npy" else {
      return try readCSV(at: url, labelColumn: .detect, format: format)
    }
    let name = url.deletingPathExtension().lastPathComponent
    guard name.hasSuffix("_X") else { return try readNPY(windowsAt: url, format: format) }
    func sibling(_ suffix: String) -> URL? {
      let candidate = url.deletingLastPathComponent().appendingPathComponent(
        name.dropLast(2) + "_\(suffix).npy")
      return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }
    var set = try readNPY(windowsAt: url, labelsAt: sibling("y"), format: format)
    if let typeURL = sibling("type") {
      let codes = try NPYFile.readVector(at: typeURL)
      try checkLength(codes.count, of: typeURL, against: set.count)
      set.faultModes = codes.map { UInt8(exactly: $0).flatMap(FaultMode.init(code:)) }
    }
    if let severityURL = sibling("sev") {
      let severities = try NPYFile.readVector(at: severityURL)
      try checkLength(severities.count, of: severityURL, against: set.count)
      set.severities = severities.map { Float($0) }
    }
    return set
  }

  /// Fails when a per-window file does not hold one entry per window.
  static func checkLength(_ found: Int, of url: URL, against expected: Int) throws(DatasetError) {
    guard found == expected else {
      throw DatasetError(
        file: url.path, location: .file, problem: .lengthMismatch(expected: expected, found: found))
    }
  }
}
