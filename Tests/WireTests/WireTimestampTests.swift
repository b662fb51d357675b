import Foundation
import Testing
import Wire

@Suite("WireTimestamp")
struct WireTimestampTests {
  @Test("formats ISO 8601 UTC with exactly three fraction digits")
  func format() {
    #expect(WireTimestamp(millisecondsSince1970: 0).iso8601 == "1970-01-01T00:00:00.000Z")
    #expect(WireTimestamp(millisecondsSince1970: 1_740_832_496_789).iso8601 == "2025-03-01T12:34:56.789Z")
    #expect(WireTimestamp(millisecondsSince1970: 951_782_400_005).iso8601 == "2000-02-29T00:00:00.005Z")
    #expect(WireTimestamp(millisecondsSince1970: -1).iso8601 == "1969-12-31T23:59:59.999Z")
  }

  @Test("agrees with Foundation's ISO 8601 formatter on instants spread over 1906–2223")
  func agreesWithFoundation() {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    for step in 0..<500 {
      // A large prime stride walks the range without repeating and hits every field value.
      let millis = Int64(step) * 1_000_000_007 % 10_000_000_000_000 - 2_000_000_000_000
      let timestamp = WireTimestamp(millisecondsSince1970: millis)
      #expect(timestamp.iso8601 == formatter.string(from: timestamp.date))
      #expect(WireTimestamp(iso8601: timestamp.iso8601) == timestamp)
    }
  }

  @Test("parses offsets, missing fractions, long fractions and no offset")
  func parseVariants() {
    let expected = WireTimestamp(millisecondsSince1970: 1_740_832_496_789)
    #expect(WireTimestamp(iso8601: "2025-03-01T12:34:56.789Z") == expected)
    #expect(WireTimestamp(iso8601: "2025-03-01T14:34:56.789+02:00") == expected)
    #expect(WireTimestamp(iso8601: "2025-03-01T12:34:56.789123Z") == expected)
    #expect(WireTimestamp(iso8601: "2025-03-01T12:34:56.789") == expected)
    #expect(WireTimestamp(iso8601: "2025-03-01T12:34:56Z")?.millisecondsSince1970 == 1_740_832_496_000)
    #expect(WireTimestamp(iso8601: "2025-03-01T12:34:56.7Z")?.millisecondsSince1970 == 1_740_832_496_700)
  }

  @Test("refuses text that is not a date-time")
  func refusesGarbage() {
    for bad in [
      "", "2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-03-01", "2025-03-01T12:34:56.Z", "yesterday",
    ] {
      #expect(WireTimestamp(iso8601: bad) == nil, "\(bad)")
    }
  }

  @Test("decodes a JSON number as seconds since 1970 and encodes text")
  func numberDecoding() throws {
    let decoded = try JSONDecoder().decode([WireTimestamp].self, from: Data("[1740832496.789]".utf8))
    #expect(decoded[0].millisecondsSince1970 == 1_740_832_496_789)
    let text = String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self)
    #expect(text == #"["2025-03-01T12:34:56.789Z"]"#)
  }
}
