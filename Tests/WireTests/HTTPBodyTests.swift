import Foundation
import Testing
import Wire

@Suite("HTTP bodies")
struct HTTPBodyTests {
  @Test("ClassifyRequest uses the lesson's snake_case keys plus the optional additions")
  func classifyRequestKeys() throws {
    let request = ClassifyRequest(
      deviceID: "motor-01", features: [1, 2], edgeMSE: 0.021, modelVersion: 3, escalationID: "e-1")
    #expect(
      try JSONKeys.of(request) == ["device_id", "edge_mse", "escalation_id", "features", "model_version"])
  }

  @Test("the lesson firmware's JSON (no token, no model_version, no escalation_id) decodes")
  func lessonFirmwareBodyDecodes() throws {
    let features = (0..<300).map { String(format: "%.5f", Double($0) / 1000) }.joined(separator: ",")
    let text = #"{"device_id":"esp32-01","features":[\#(features)],"edge_mse":0.0213}"#
    let request = try JSONKeys.decode(ClassifyRequest.self, text)
    #expect(request.deviceID == "esp32-01")
    #expect(request.features.count == 300)
    #expect(request.features[299] == 0.299)
    #expect(request.edgeMSE == 0.0213)
    #expect(request.modelVersion == nil)
    #expect(request.escalationID == nil)
    try request.validate(featureCount: 300)
  }

  @Test("ClassifyResponse has exactly DESIGN.md's keys")
  func classifyResponseKeys() throws {
    let response = ClassifyResponse(
      classification: 1, label: "anomaly", confidence: 0.93, cloudMSE: 0.051, cloudModel: "cloud-2")
    #expect(
      try JSONKeys.of(response) == ["classification", "cloud_model", "cloud_mse", "confidence", "label"])
    let object = try JSONKeys.object(response)
    #expect(object["cloud_model"] as? String == "cloud-2")
    #expect(object["classification"] as? Int == 1)
  }

  @Test("ModelVersionResponse and ThresholdsResponse have exactly DESIGN.md's keys")
  func modelResponseKeys() throws {
    let version = ModelVersionResponse(version: 3, filename: "model.tflite", sizeBytes: 12345, sha256: "ab")
    #expect(try JSONKeys.of(version) == ["filename", "sha256", "size_bytes", "version"])
    let thresholds = ThresholdsResponse(
      version: 3, lowThreshold: 0.015, highThreshold: 0.045, mu: 0.005, sigma: 0.005, kLow: 2, kHigh: 4)
    #expect(
      try JSONKeys.of(thresholds) == [
        "high_threshold", "k_high", "k_low", "low_threshold", "mu", "sigma", "version",
      ])
  }

  @Test("SummaryRequest has device_id, ts and summary, and needs 20 finite values")
  func summaryRequest() throws {
    let summary = SummaryRequest(
      deviceID: "motor-01", ts: WireTimestamp(millisecondsSince1970: 0),
      summary: Array(repeating: 1, count: 20))
    #expect(try JSONKeys.of(summary) == ["device_id", "summary", "ts"])
    try summary.validate()
    var short = summary
    short.summary.removeLast()
    #expect(throws: WireValidationError(field: "summary", problem: "expected 20 numbers, got 19")) {
      try short.validate()
    }
  }

  @Test("ErrorResponse is {\"error\": text}")
  func errorResponse() throws {
    #expect(
      String(decoding: try JSONEncoder().encode(ErrorResponse(error: "bad")), as: UTF8.self)
        == #"{"error":"bad"}"#)
  }
}
