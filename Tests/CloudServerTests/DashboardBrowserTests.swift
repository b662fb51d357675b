import Foundation
import Testing
import Wire

@testable import CloudServer

/// Headless Chromium, where CI installs it.
private let chromiumPath = "/usr/bin/chromium"

@Suite("Dashboard in a real browser", .serialized)
struct DashboardBrowserTests {
  /// Runs Chromium headless on `url` with `arguments`; returns its standard output. Stops it after 90 s.
  private static func chromium(_ arguments: [String], url: String) async throws -> String {
    let directory = try TemporaryDirectory("chromium")
    defer { directory.remove() }
    let output = directory.url.appendingPathComponent("stdout")
    let errors = directory.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromiumPath)
    process.arguments =
      [
        "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=\(directory.url.appendingPathComponent("profile").path)",
      ] + arguments + [url]
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    let deadline = ContinuousClock.now + .seconds(90)
    while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
    if process.isRunning {
      process.terminate()
      Issue.record("chromium did not finish in 90 s: \(try String(contentsOf: errors, encoding: .utf8))")
    }
    process.waitUntilExit()
    return try String(contentsOf: output, encoding: .utf8)
  }

  /// The `<tr>` of `device` in the rendered fleet table.
  private static func row(of device: String, in dom: String) -> String? {
    guard let start = dom.range(of: "data-device=\"\(device)\"") else { return nil }
    guard let end = dom.range(of: "</tr>", range: start.upperBound..<dom.endIndex) else { return nil }
    return String(dom[start.lowerBound..<end.lowerBound])
  }

  @Test(
    "headless Chromium renders every reporting device and its model version in the fleet table",
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: chromiumPath),
      "no \(chromiumPath): install chromium to run it"))
  func dashboardShowsDevices() async throws {
    let server = try await TestServer.start()
    await SimulatedFleet.populate(server.server.fleet, endingAt: .now())
    let url = "http://127.0.0.1:\(server.running.port)/"
    let dom = try await Self.chromium(["--dump-dom"], url: url)
    if let screenshot = ProcessInfo.processInfo.environment["EDGEHYBRID_DASHBOARD_SCREENSHOT"] {
      _ = try await Self.chromium(
        ["--screenshot=\(screenshot)", "--window-size=1400,1000", "--hide-scrollbars"], url: url)
    }
    try await server.stop()

    for (id, version) in SimulatedFleet.devices {
      let row = try #require(Self.row(of: id, in: dom), "no fleet row for \(id) in the rendered DOM")
      #expect(row.contains(">v\(version)<"), "row of \(id) shows v\(version): \(row)")
    }
    #expect(Self.row(of: "fan-11", in: dom)?.contains("offline") == true)
    #expect(Self.row(of: "motor-04", in: dom)?.contains("degraded") == true)
    #expect(dom.contains("<path"), "the charts drew lines")
    #expect(dom.contains("v3 → v4"), "the canary's transition is listed")
    #expect(dom.contains("412 escalations since v3"), "the retraining run is listed")
    if let rows = try? NSRegularExpression(pattern: "<tr class=\"device\"[^>]*>.*?</tr>")
      .matches(in: dom, range: NSRange(dom.startIndex..., in: dom))
    {
      let text = rows.map { match in
        String(dom[Range(match.range, in: dom)!]).replacingOccurrences(
          of: "<[^>]+>", with: " ", options: .regularExpression
        ).split(separator: " ").joined(separator: " ")
      }
      print("Chromium fleet rows:\n" + text.joined(separator: "\n"))
    }
  }
}
