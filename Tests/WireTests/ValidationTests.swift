import Foundation
import Testing
import Wire

@Suite("Request validation")
struct ValidationTests {
  private func request(features: [Float], deviceID: String = "motor-01", edgeMSE: Double = 0.02)
    -> ClassifyRequest
  {
    ClassifyRequest(deviceID: deviceID, features: features, edgeMSE: edgeMSE)
  }

  @Test("a wrong feature count is refused naming both counts")
  func wrongCount() {
    #expect(throws: WireValidationError(field: "features", problem: "expected 300 numbers, got 299")) {
      try request(features: Array(repeating: 0, count: 299)).validate(featureCount: 300)
    }
  }

  @Test("non-finite features are refused naming the index")
  func nonFinite() {
    var features = [Float](repeating: 0, count: 300)
    features[17] = .infinity
    #expect(throws: WireValidationError(field: "features[17]", problem: "must be a finite number, got inf")) {
      try request(features: features).validate(featureCount: 300)
    }
  }

  @Test("a number too large for float32 fails to decode, naming its index, instead of becoming infinity")
  func hugeExponent() {
    let text = #"{"device_id":"a","features":[0.5,1e39],"edge_mse":0.1}"#
    do {
      _ = try JSONKeys.decode(ClassifyRequest.self, text)
      Issue.record("1e39 decoded")
    } catch let error as DecodingError {
      #expect(error.wireMessage == "features[1]: 1e+39 is outside the float32 range")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("a negative or non-finite edge MSE is refused")
  func badEdgeMSE() {
    let features = [Float](repeating: 0, count: 3)
    #expect(throws: WireValidationError.self) {
      try request(features: features, edgeMSE: -1).validate(featureCount: 3)
    }
    #expect(throws: WireValidationError.self) {
      try request(features: features, edgeMSE: .nan).validate(featureCount: 3)
    }
  }

  @Test("device ids are one safe MQTT topic level")
  func deviceIDs() {
    for good in ["motor-01", "esp32_01", "a.b", String(repeating: "x", count: 64)] {
      #expect(WireValidation.isValidDeviceID(good), "\(good)")
    }
    for bad in ["", "a/b", "a+b", "a#", "motor 01", String(repeating: "x", count: 65), "ünï"] {
      #expect(!WireValidation.isValidDeviceID(bad), "\(bad)")
    }
  }

  @Test("decoding errors name the JSON path and what was expected")
  func decodingMessages() throws {
    func message(_ text: String) -> String {
      do {
        _ = try JSONKeys.decode(ClassifyRequest.self, text)
        return "decoded"
      } catch let error as DecodingError {
        return error.wireMessage
      } catch {
        return "\(error)"
      }
    }
    #expect(message(#"{"device_id":"a","edge_mse":0.1}"#) == #"missing field "features""#)
    #expect(
      message(#"{"device_id":"a","features":[1,"NaN"],"edge_mse":0.1}"#) == "features[1]: expected a number")
    #expect(
      message(#"{"device_id":"a","features":[1],"edge_mse":null}"#).hasPrefix("edge_mse: expected a number"))
    #expect(message("not json").hasPrefix("body is not valid JSON"))
  }
}
