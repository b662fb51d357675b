import Foundation
import Testing

@testable import Vibration

@Suite("Escalation JSONL log")
struct EscalationLogTests {
  let directory = TemporaryDirectory()

  func records() -> [EscalationRecord] {
    [
      EscalationRecord(
        timestamp: .iso8601("2025-03-01T12:00:00.250Z"), deviceID: "motor-01",
        features: [0.1, -0.0, 1e-7, 1.0 / 3],
        edgeMSE: 0.021, cloudClassification: 1, cloudConfidence: 0.93),
      EscalationRecord(
        timestamp: .unix(1_740_830_400.5), deviceID: "motor-02", features: [1, 2, 3], edgeMSE: 0.0333,
        cloudClassification: 0, cloudConfidence: 0.6, cloudMSE: 0.01, modelVersion: 3, escalationID: "e-17",
        operatorLabel: 1),
    ]
  }

  @Test("records round-trip exactly, ISO and unix timestamps alike, extras included")
  func roundTrip() throws {
    let file = directory.file("escalations.jsonl")
    try EscalationLog.write(records(), to: file)
    #expect(try EscalationLog.read(at: file) == records())
    let appended = directory.file("appended.jsonl")
    for record in records() { try EscalationLog.append(record, to: appended) }
    #expect(try Data(contentsOf: appended) == Data(contentsOf: file))
  }

  @Test(
    "a lesson line with extra fields reads, and the Python reference's ts/classification/confidence are accepted"
  )
  func foreignLines() throws {
    let lesson =
      #"{"timestamp":"2025-03-01T12:00:00Z","device_id":"esp32","features":[0.5,1],"edge_mse":0.02,"cloud_classification":0,"cloud_confidence":0.8,"firmware":"1.2"}"#
    let reference =
      #"{"ts": 1740830400.25, "device_id": "d", "edge_mse": 0.03, "cloud_mse": 0.05, "classification": 1, "confidence": 0.9, "features": [0.25]}"#
    let file = directory.file("mixed.jsonl", text: lesson + "\n\n" + reference + "\n")
    let read = try EscalationLog.read(at: file)
    #expect(read.count == 2)
    #expect(read[0].timestamp.date == Date(timeIntervalSince1970: 1_740_830_400))
    #expect(read[1].cloudClassification == 1 && read[1].cloudConfidence == 0.9 && read[1].cloudMSE == 0.05)
    #expect(read[1].timestamp == .unix(1_740_830_400.25))
  }

  @Test("JSON garbage on line 3 fails naming the file and line 3")
  func garbage() throws {
    let good = EscalationLog.lineForTests(records()[0])
    let file = directory.file("garbage.jsonl", text: [good, good, "{not json", good].joined(separator: "\n"))
    let error = #expect(throws: DatasetError.self) { try EscalationLog.read(at: file) }
    #expect(error?.location == .line(3))
    if case .badJSON = error?.problem {
    } else {
      Issue.record("expected badJSON, got \(String(describing: error))")
    }
    #expect(error?.description.hasPrefix("\(file.path):3: not a JSON object") == true)
  }

  @Test("missing fields and invalid values fail naming the field")
  func invalidFields() {
    let cases: [(String, DatasetError.Problem)] = [
      (
        #"{"timestamp":1,"features":[1],"edge_mse":0,"cloud_classification":0,"cloud_confidence":1}"#,
        .missingField("device_id")
      ),
      (
        #"{"timestamp":1,"device_id":"d","features":[1],"edge_mse":0,"cloud_classification":2,"cloud_confidence":1}"#,
        .invalidField(name: "cloud_classification", reason: "must be 0 or 1, found 2")
      ),
      (
        #"{"timestamp":"yesterday","device_id":"d","features":[1],"edge_mse":0,"cloud_classification":0,"cloud_confidence":1}"#,
        .invalidField(
          name: "timestamp", reason: "'yesterday' is neither ISO 8601 (2025-01-31T12:00:00Z) nor unix seconds"
        )
      ),
      (
        #"{"timestamp":1,"device_id":"d","features":[],"edge_mse":0,"cloud_classification":0,"cloud_confidence":1}"#,
        .invalidField(name: "features", reason: "must be a non-empty array of finite numbers")
      ),
    ]
    for (index, (line, problem)) in cases.enumerated() {
      let file = directory.file("invalid\(index).jsonl", text: line + "\n")
      #expect(throws: DatasetError(file: file.path, location: .line(1), problem: problem)) {
        try EscalationLog.read(at: file)
      }
    }
    let wrongType = directory.file(
      "type.jsonl",
      text:
        #"{"timestamp":1,"device_id":"d","features":"x","edge_mse":0,"cloud_classification":0,"cloud_confidence":1}"#
    )
    let error = #expect(throws: DatasetError.self) { try EscalationLog.read(at: wrongType) }
    if case .invalidField(let name, _) = error?.problem {
      #expect(name == "features")
    } else {
      Issue.record("\(String(describing: error))")
    }
  }

  @Test("a record with a NaN feature cannot be written")
  func writeRejectsNaN() {
    var record = records()[0]
    record.features = [.nan]
    #expect(throws: DatasetError.self) { try EscalationLog.write([record], to: directory.file("nan.jsonl")) }
  }

  @Test("a timestamp made from a date is ISO 8601 UTC with milliseconds and reads back to that date")
  func timestampFromDate() {
    let timestamp = EscalationTimestamp(date: Date(timeIntervalSince1970: 1_740_830_400.125))
    #expect(timestamp == .iso8601("2025-03-01T12:00:00.125Z"))
    #expect(timestamp.date == Date(timeIntervalSince1970: 1_740_830_400.125))
  }
}

extension EscalationLog {
  /// One record's JSON line, for building test files.
  static func lineForTests(_ record: EscalationRecord) -> String {
    try! line(for: record, file: "test", lineNumber: nil)
  }
}
