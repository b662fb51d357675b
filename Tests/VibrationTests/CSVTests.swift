import Foundation
import Testing

@testable import Vibration

@Suite("CSV dataset files")
struct CSVTests {
  let directory = TemporaryDirectory()

  /// A small labelled set with awkward values: tiny, huge, negative zero, quantized.
  func sample() -> WindowSet {
    let format = WindowFormat(samplesPerWindow: 2, axes: 3)
    let values: [Float] = [0.1, -0.0, 1e-7, 3.4e38, -2, 1.0 / 16384, 0.3333333, 1, -1.5, 7, 8, 9]
    return WindowSet(width: 6, values: values, labels: [0, 1], format: format)
  }

  @Test("a labelled set with a header round-trips exactly and its header is detected")
  func labelledRoundTrip() throws {
    let file = directory.file("labelled.csv")
    try sample().writeCSV(to: file)
    let read = try WindowSet.readCSV(at: file, format: WindowFormat(samplesPerWindow: 2, axes: 3))
    #expect(read == sample())
    #expect(read.values.map(\.bitPattern) == sample().values.map(\.bitPattern))
    let header = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")[0]
    #expect(header == "label,x0,y0,z0,x1,y1,z1")
  }

  @Test("an unlabelled set without a header round-trips exactly")
  func unlabelledRoundTrip() throws {
    var set = sample()
    set.labels = nil
    set.format = nil
    let file = directory.file("plain.csv")
    try set.writeCSV(to: file, header: false)
    #expect(try WindowSet.readCSV(at: file) == set)
  }

  @Test("without a header a label column is found from the expected width, or forced by the caller")
  func labelWithoutHeader() throws {
    let file = directory.file("reference.csv", text: "0,1.5,2.5\r\n1,3.5,4.5\r\n\n")
    let detected = try WindowSet.readCSV(at: file, width: 2)
    #expect(detected.labels == [0, 1] && detected.values == [1.5, 2.5, 3.5, 4.5])
    #expect(try WindowSet.readCSV(at: file).width == 3)
    #expect(try WindowSet.readCSV(at: file, labelColumn: .first).labels == [0, 1])
  }

  @Test("a 5000 × 300 file of simulated windows reads back identical")
  func largeRoundTrip() throws {
    var simulator = MotorSimulator(seed: 1)
    let values = (0..<5000).flatMap { _ in simulator.nextWindow() }
    let set = WindowSet(width: 300, values: values, labels: Array(repeating: 0, count: 5000), format: .lesson)
    let file = directory.file("large.csv")
    try set.writeCSV(to: file)
    #expect(try WindowSet.readCSV(at: file, format: .lesson) == set)
  }

  @Test("a row with the wrong column count fails naming file and line 7")
  func wrongColumnCount() {
    let rows = ["a,b,c"] + (0..<5).map { _ in "1,2,3" } + ["1,2", "1,2,3"]
    let file = directory.file("short.csv", text: rows.joined(separator: "\n"))
    let error = #expect(throws: DatasetError.self) { try WindowSet.readCSV(at: file) }
    #expect(error?.location == .line(7))
    #expect(error?.problem == .wrongColumnCount(expected: 3, found: 2))
    #expect(error?.description.hasPrefix("\(file.path):7: found 2 columns, expected 3") == true)
  }

  @Test("a cell that is not a number fails naming line, column and text")
  func notANumber() {
    let file = directory.file("abc.csv", text: "1,2,3\n4,abc,6\n")
    let error = #expect(throws: DatasetError.self) { try WindowSet.readCSV(at: file) }
    #expect(error?.location == .line(2))
    #expect(error?.problem == .notANumber(column: 2, text: "abc"))
    #expect(error?.description.contains("'abc' is not a number") == true)
  }

  @Test("NaN, infinities, trailing junk and empty cells are rejected")
  func rejectedCells() {
    let cases: [(String, DatasetError.Problem)] = [
      ("1,NaN,3\n", .nonFinite(column: 2, text: "NaN")),
      ("1,2,-inf\n", .nonFinite(column: 3, text: "-inf")),
      ("1,2.5x,3\n", .notANumber(column: 2, text: "2.5x")),
      ("1,,3\n", .notANumber(column: 2, text: "")),
    ]
    for (index, (text, problem)) in cases.enumerated() {
      let file = directory.file("bad\(index).csv", text: text)
      let error = #expect(throws: DatasetError.self) { try WindowSet.readCSV(at: file) }
      #expect(error?.problem == problem)
      #expect(error?.location == .line(1))
    }
  }

  @Test("a label other than 0 or 1, an empty file and a missing file fail clearly")
  func otherFailures() {
    let badLabel = directory.file("label.csv", text: "label,x0\n2,0.5\n")
    #expect(throws: DatasetError(file: badLabel.path, location: .line(2), problem: .badLabel("2.0"))) {
      try WindowSet.readCSV(at: badLabel)
    }
    let empty = directory.file("empty.csv", text: "label,x0\n\n")
    #expect(throws: DatasetError(file: empty.path, location: .file, problem: .empty)) {
      try WindowSet.readCSV(at: empty)
    }
    let missing = directory.file("missing.csv")
    let error = #expect(throws: DatasetError.self) { try WindowSet.readCSV(at: missing) }
    #expect(error?.location == .file && error?.description.contains("missing.csv") == true)
  }

  @Test("writing a NaN fails instead of producing a file that cannot be read back")
  func writeRejectsNaN() {
    let set = WindowSet(width: 2, values: [1, .nan])
    #expect(throws: DatasetError.self) { try set.writeCSV(to: directory.file("nan.csv")) }
  }
}
