import Foundation
import Testing

@testable import Vibration

@Suite("NPY dataset files")
struct NPYTests {
  let directory = TemporaryDirectory()

  @Test("float32 windows and uint8 labels round-trip exactly, with numpy's 64-byte header alignment")
  func roundTrip() throws {
    var simulator = MotorSimulator(seed: 2)
    let values = (0..<4).flatMap { _ in simulator.nextWindow() } + [.leastNonzeroMagnitude, -0.0]
    let set = WindowSet(width: 302, values: Array(values.prefix(302 * 3)), labels: [1, 0, 1])
    let windows = directory.file("t_X.npy")
    let labels = directory.file("t_y.npy")
    try set.writeNPY(windowsTo: windows, labelsTo: labels)
    #expect(try WindowSet.readNPY(windowsAt: windows, labelsAt: labels) == set)
    #expect(try WindowSet.read(contentsOf: windows) == set)
    let bytes = try Data(contentsOf: windows)
    #expect(Array(bytes.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
    let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    #expect((10 + headerLength) % 64 == 0 && bytes[10 + headerLength - 1] == UInt8(ascii: "\n"))
  }

  @Test("float32 severity vectors round-trip exactly")
  func floatVector() throws {
    let file = directory.file("sev.npy")
    try NPYFile.writeVector([0, 0.25, 1, 0.0501], to: file)
    #expect(try NPYFile.readVector(at: file) == [0, 0.25, 1, Double(Float(0.0501))])
  }

  @Test("files written by numpy read: float64 matrix, int64 and int8 labels, a version 2.0 header")
  func numpyFiles() throws {
    let f8 = directory.file("f8.npy", base64: NumpyFixtures.float64Matrix)
    let matrix = try NPYFile.readMatrix(at: f8)
    #expect(matrix.rows == 2 && matrix.columns == 3 && matrix.values == [0.5, -1.25, 3, 2, 0.125, -0.0625])
    #expect(
      try NPYFile.readLabels(at: directory.file("i8.npy", base64: NumpyFixtures.int64Labels)) == [0, 1, 1, 0])
    #expect(
      try NPYFile.readLabels(at: directory.file("i1.npy", base64: NumpyFixtures.int8Labels)) == [1, 0, 1])
    let v2 = try NPYFile.readMatrix(at: directory.file("v2.npy", base64: NumpyFixtures.version2Matrix))
    #expect(v2.values == [1.5, 2.5, 3.5, 4.5])
  }

  @Test("a truncated file fails at the data's byte offset, saying how many bytes are missing")
  func truncated() throws {
    let full = directory.file("full.npy")
    try NPYFile.writeMatrix([1, 2, 3, 4, 5, 6], rows: 2, columns: 3, to: full)
    let bytes = try Data(contentsOf: full)
    let cut = directory.file("cut.npy")
    try bytes.prefix(bytes.count - 5).write(to: cut)
    #expect(
      throws: DatasetError(
        file: cut.path, location: .byteOffset(128), problem: .truncated(expectedBytes: 24, foundBytes: 19))
    ) {
      try NPYFile.readMatrix(at: cut)
    }
    let headerCut = directory.file("header-cut.npy")
    try bytes.prefix(40).write(to: headerCut)
    let error = #expect(throws: DatasetError.self) { try NPYFile.readMatrix(at: headerCut) }
    #expect(error?.location == .byteOffset(10))
  }

  @Test("bad magic, Fortran order, big-endian data, wrong rank and NaN each fail with their problem")
  func malformed() throws {
    let text = directory.file("text.npy", text: "label,x0\n0,1\n")
    #expect(throws: DatasetError(file: text.path, location: .byteOffset(0), problem: .badMagic)) {
      try NPYFile.readMatrix(at: text)
    }
    let fortran = directory.file("fortran.npy", base64: NumpyFixtures.fortranMatrix)
    #expect(throws: DatasetError(file: fortran.path, location: .byteOffset(10), problem: .fortranOrder)) {
      try NPYFile.readMatrix(at: fortran)
    }
    let big = directory.file("big.npy", base64: NumpyFixtures.bigEndianMatrix)
    #expect(
      throws: DatasetError(file: big.path, location: .byteOffset(10), problem: .unsupportedDType(">f4"))
    ) {
      try NPYFile.readMatrix(at: big)
    }
    let labels = directory.file("i8.npy", base64: NumpyFixtures.int64Labels)
    #expect(
      throws: DatasetError(
        file: labels.path, location: .byteOffset(10), problem: .wrongDimensions(expected: 2, shape: [4]))
    ) {
      try NPYFile.readMatrix(at: labels)
    }
    let nan = directory.file("nan.npy")
    try NPYFile.writeMatrix([1, 2, .nan, 4], rows: 2, columns: 2, to: nan)
    let error = #expect(throws: DatasetError.self) { try NPYFile.readMatrix(at: nan) }
    #expect(error?.location == .byteOffset(128 + 8))
    #expect(error?.problem == .nonFinite(column: 1, text: "nan"))
  }

  @Test("labels other than 0 and 1 and a label count that differs from the windows fail")
  func badLabels() throws {
    let twos = directory.file("twos.npy")
    try NPYFile.writeVector([0, 2] as [UInt8], to: twos)
    #expect(throws: DatasetError(file: twos.path, location: .byteOffset(129), problem: .badLabel("2.0"))) {
      try NPYFile.readLabels(at: twos)
    }
    let windows = directory.file("w.npy")
    try NPYFile.writeMatrix([1, 2, 3, 4], rows: 2, columns: 2, to: windows)
    let short = directory.file("short.npy")
    try NPYFile.writeVector([1] as [UInt8], to: short)
    #expect(
      throws: DatasetError(file: short.path, location: .file, problem: .lengthMismatch(expected: 2, found: 1))
    ) {
      try WindowSet.readNPY(windowsAt: windows, labelsAt: short)
    }
  }
}

/// Small arrays saved by numpy 2.4 (`np.save`, or `format.write_array` for version 2.0), base64-encoded.
enum NumpyFixtures {
  /// `np.array([[0.5, -1.25, 3.0], [2.0, 0.125, -0.0625]], '<f8')`
  static let float64Matrix =
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADgPwAAAAAAAPS/AAAAAAAACEAAAAAAAAAAQAAAAAAAAMA/AAAAAAAAsL8="
  /// `np.array([0, 1, 1, 0], '<i8')`
  static let int64Labels =
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAEAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAA=="
  /// `np.array([1, 0, 1], 'i1')`, as the Python reference saves its labels
  static let int8Labels =
    "k05VTVBZAQB2AHsnZGVzY3InOiAnfGkxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAE="
  /// `np.array([[1.5, 2.5], [3.5, 4.5]], '<f4')` with a version 2.0 header
  static let version2Matrix =
    "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAgQAAAYEAAAJBA"
  /// `np.asfortranarray([[1, 2, 3], [4, 5, 6]], '<f4')`
  static let fortranMatrix =
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIA/AACAQAAAAEAAAKBAAABAQAAAwEA="
  /// `np.array([[1, 2]], '>f4')`
  static let bigEndianMatrix =
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/gAAAQAAAAA=="
}
