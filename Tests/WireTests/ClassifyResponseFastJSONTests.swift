import EdgeCore
import Foundation
import Testing

@testable import Wire

@Suite("Fast /classify answer encoder")
struct ClassifyResponseFastJSONTests {
  private static func foundation(_ response: ClassifyResponse) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return Array(try encoder.encode(response))
  }

  /// A double in one of the shapes a verdict carries: tiny, huge, whole, negative zero, ordinary.
  private static func value(_ random: inout SplitMix64) -> Double {
    let unit = Double(random.next() >> 11) / Double(1 << 53)
    switch random.next() % 6 {
    case 0: return unit
    case 1: return unit * 1e-9
    case 2: return unit * 1e22
    case 3: return Double(random.next() % 1000)
    case 4: return -0.0
    default: return Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)
    }
  }

  @Test("writes the same bytes as JSONEncoder with sorted keys for seeded verdicts")
  func matchesJSONEncoderBytes() throws {
    var random = SplitMix64(seed: 41)
    for index in 0..<2000 {
      let classification = Int(random.next() % 2)
      let response = ClassifyResponse(
        classification: classification, label: classification == 1 ? "anomaly" : "normal",
        confidence: Self.value(&random), cloudMSE: Self.value(&random), cloudModel: "cloud-\(index)")
      let fast = try #require(response.fastJSON)
      #expect(fast == (try Self.foundation(response)), "\(String(decoding: fast, as: UTF8.self))")
      #expect(try JSONDecoder().decode(ClassifyResponse.self, from: Data(fast)) == response)
    }
  }

  @Test("leaves strings that need escaping and non-finite numbers to JSONEncoder")
  func declinesWhatNeedsTheEncoder() {
    let plain = ClassifyResponse(
      classification: 1, label: "anomaly", confidence: 0.9, cloudMSE: 0.5, cloudModel: "cloud-3")
    #expect(plain.fastJSON != nil)
    for model in [#"cloud"3"#, #"cloud\3"#, "cloud/3", "cloud\n3"] {
      var response = plain
      response.cloudModel = model
      #expect(response.fastJSON == nil, "\(model)")
    }
    for number in [Double.nan, .infinity, -.infinity] {
      var response = plain
      response.cloudMSE = number
      #expect(response.fastJSON == nil)
      response = plain
      response.confidence = number
      #expect(response.fastJSON == nil)
    }
  }
}
