import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import CloudServer

@Suite("JSON body header checks")
struct JSONBodyHeaderTests {
  /// The media-type rule as first written on Foundation: the reference the byte check must match.
  static func reference(_ contentType: String) -> Bool {
    let mediaType =
      contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) ?? ""
    return mediaType.lowercased() == "application/json"
  }

  @Test("the Content-Type check agrees with the Foundation rule on thousands of spellings")
  func contentTypeMatchesFoundationRule() {
    let prefixes = ["", " ", "\t", ";", ";;", " ;", "\u{A0}", "\n", "\r\n", "; ;"]
    let types = [
      "application/json", "APPLICATION/JSON", "Application/Json", "application/jsonx", "application/jso",
      "applicationjson", "text/plain", "application/jsön", "\u{212A}application/json", "",
      "application/ json",
      "application/json\u{0}",
    ]
    let suffixes = ["", " ", "\t", ";", "; charset=utf-8", " ;x", "\u{A0}", "\u{2003}", ";;", "\u{B}", ",a"]
    var checked = 0
    for prefix in prefixes {
      for type in types {
        for suffix in suffixes {
          let value = prefix + type + suffix
          #expect(JSONBody.isJSONMediaType(value) == Self.reference(value), "\(value.debugDescription)")
          checked += 1
        }
      }
    }
    #expect(JSONBody.isJSONMediaType("application/json; charset=utf-8"))
    #expect(!JSONBody.isJSONMediaType("text/plain"))
    #expect(checked == prefixes.count * types.count * suffixes.count)
  }

  @Test("a header read gives what the fields subscript gives, for none, one and several fields")
  func headerValueMatchesSubscript() {
    var fields: HTTPFields = [.contentLength: "12"]
    #expect(fields.value(.contentType) == nil)
    #expect(fields.value(.contentLength) == "12")
    fields.append(HTTPField(name: .contentType, value: "application/json"))
    #expect(fields.value(.contentType) == fields[.contentType])
    fields.append(HTTPField(name: .contentType, value: "text/plain"))
    #expect(fields.value(.contentType) == "application/json, text/plain")
    #expect(fields.value(.contentType) == fields[.contentType])
  }
}
