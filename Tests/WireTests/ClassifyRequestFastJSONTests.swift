import EdgeCore
import Foundation
import Testing

@testable import Wire

@Suite("Fast /classify body parser")
struct ClassifyRequestFastJSONTests {
  private static func fast(_ text: String) -> ClassifyRequest? {
    Array(text.utf8).withUnsafeBytes { ClassifyRequest.parseFast($0) }
  }

  private static func foundation(_ text: String) -> ClassifyRequest? {
    try? JSONDecoder().decode(ClassifyRequest.self, from: Data(text.utf8))
  }

  /// A JSON number in one of many spellings.
  private static func number(_ random: inout SplitMix64) -> String {
    let sign = random.next() % 4 == 0 ? "-" : ""
    switch random.next() % 7 {
    case 0: return sign + String(random.next() % 1000)
    case 1: return sign + "0.\(String(random.next() % 1_000_000_000))"
    case 2: return sign + "\(random.next() % 10).\(random.next() % 100_000)e\(Int(random.next() % 60) - 30)"
    case 3: return sign + "\(random.next() % 10)E+\(random.next() % 30)"
    case 4: return sign + String(repeating: "7", count: Int(random.next() % 25) + 1) + ".5"
    case 5:
      return sign + "0.\(String(repeating: "0", count: Int(random.next() % 40)))\(random.next() % 1000 + 1)"
    default: return sign + "\(Float(bitPattern: UInt32(truncatingIfNeeded: random.next()) & 0x3FFF_FFFF))"
    }
  }

  private static func space(_ random: inout SplitMix64) -> String {
    [" ", "", "\n", "\t ", ""][Int(random.next() % 5)]
  }

  @Test("agrees with JSONDecoder on thousands of seeded bodies in varied spellings")
  func agreesWithFoundation() throws {
    var random = SplitMix64(seed: 7)
    var fastCount = 0
    for _ in 0..<2_000 {
      let features = (0..<Int(random.next() % 12)).map { _ in Self.number(&random) }
      var fields = [
        #""device_id":"motor-\#(random.next() % 100)""#,
        #""features":[\#(features.joined(separator: "," + Self.space(&random)))]"#,
        #""edge_mse":\#(Self.number(&random))"#,
      ]
      switch random.next() % 3 {
      case 0: fields.append(#""model_version":\#(random.next() % 50)"#)
      case 1: fields.append(#""model_version":null"#)
      default: break
      }
      if random.next() % 2 == 0 { fields.append(#""escalation_id":"e-\#(random.next())""#) }
      if random.next() % 3 == 0 { fields.append(#""extra":{"a":[1,{"b":null}],"c":"d","e":true}"#) }
      fields.shuffle(using: &random)
      let s = Self.space(&random)
      let text = "\(s){\(s)" + fields.joined(separator: "\(s),\(s)") + "\(s)}\(s)"
      let expected = Self.foundation(text)
      let parsed = Self.fast(text)
      if let parsed {
        fastCount += 1
        #expect(parsed == expected, "\(text)")
      } else {
        #expect(
          (try? Array(text.utf8).withUnsafeBytes { try ClassifyRequest.decode(json: $0) }) == expected,
          "\(text)")
      }
    }
    #expect(fastCount > 1_900, "the fast path handles ordinary bodies")
  }

  @Test("bodies the fast path does not handle go to JSONDecoder, with its error")
  func fallsBack() throws {
    let escaped = #"{"device_id":"motor\u002d01","features":[1],"edge_mse":0.5}"#
    #expect(Self.fast(escaped) == nil)
    let decoded = try Array(escaped.utf8).withUnsafeBytes { try ClassifyRequest.decode(json: $0) }
    #expect(decoded.deviceID == "motor-01")
    for bad in [
      #"{"device_id":"m","features":[1,],"edge_mse":0.5}"#,
      #"{"device_id":"m","features":[01],"edge_mse":0.5}"#,
      #"{"device_id":"m","features":[1],"edge_mse":0.5} x"#, #"{"device_id":"m","features":[1]}"#,
      #"{"device_id":"m","features":[1e39],"edge_mse":0.5}"#,
      #"{"device_id":"m","features":[1],"edge_mse":1e999}"#,
      #"{"device_id":"m","features":[1],"edge_mse":0.5,"model_version":1.5}"#,
      #"{"device_id":"m","device_id":"n","features":[1],"edge_mse":0.5}"#,
    ] {
      #expect(Self.fast(bad) == nil, "\(bad)")
      let fastError = Result { try Array(bad.utf8).withUnsafeBytes { try ClassifyRequest.decode(json: $0) } }
      let foundationError = Result { try JSONDecoder().decode(ClassifyRequest.self, from: Data(bad.utf8)) }
      #expect("\(fastError)" == "\(foundationError)", "\(bad)")
    }
  }
}
