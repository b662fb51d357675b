import Foundation
import Testing

@testable import edgehybrid

@Suite("edgehybrid demo")
struct DemoCommandTests {
  /// The first integer after `label` in `text`.
  private static func number(after label: String, in text: String) -> Int? {
    guard let range = text.range(of: label) else { return nil }
    return Int(
      text[range.upperBound...].prefix { $0 == " " || $0.isNumber }.trimmingCharacters(in: .whitespaces))
  }

  @Test(
    "a short demo trains, serves a fleet, retrains at least once and updates a device over the air, losing nothing"
  )
  func shortDemoRetrainsAndUpdatesOverTheAir() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let outcome = try CommandLineTool.run([
      "demo", "--duration", "45", "--devices", "6", "--port", "0", "--retrain-after", "100",
      "--rollout-windows", "400", "--data-dir", directory.appendingPathComponent("demo").path,
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let text = outcome.stdout
    let retrains = try #require(Self.number(after: "retrains: ", in: text), "\(text)")
    #expect(retrains >= 1, "\(text)")
    let updates = try #require(
      Self.number(after: "OTA updates applied (after the first install): ", in: text))
    #expect(updates >= 1, "\(text)")
    #expect(text.contains("still queued, 0 lost"), "\(text)")
    #expect(text.contains("dashboard: http://127.0.0.1:"))
  }
}
