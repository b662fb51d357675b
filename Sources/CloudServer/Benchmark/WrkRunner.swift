import Foundation

/// Runs `wrk` (when installed) with a Lua script that POSTs one JSON body, and parses its report.
public struct WrkRunner: Sendable {
  /// Path of the wrk executable.
  public var executable: URL

  /// The first `wrk` on PATH, or nil.
  public static func find() -> WrkRunner? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(
      separator: ":")
    for directory in paths {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("wrk")
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        return WrkRunner(executable: candidate)
      }
    }
    return nil
  }

  /// What wrk measured.
  public struct Result: Codable, Sendable, Equatable {
    /// Requests per second (all statuses).
    public var requestsPerSecond: Double
    /// Completed requests.
    public var requests: Int
    /// Responses outside 2xx/3xx.
    public var non2xx: Int
    /// Socket errors (connect, read, write, timeout).
    public var socketErrors: Int
    /// Median latency in milliseconds.
    public var p50Ms: Double
    /// 99th percentile latency in milliseconds.
    public var p99Ms: Double

    enum CodingKeys: String, CodingKey {
      case requests
      case requestsPerSecond = "requests_per_s"
      case non2xx = "non_2xx"
      case socketErrors = "socket_errors"
      case p50Ms = "p50_ms"
      case p99Ms = "p99_ms"
    }
  }

  /// Runs `wrk -t<threads> -c<connections> -d<seconds>s --latency` POSTing `body` to `url`.
  public func run(url: String, body: Data, threads: Int, connections: Int, seconds: Int) throws -> Result {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wrk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let bodyFile = directory.appendingPathComponent("body.json")
    try body.write(to: bodyFile)
    let script = directory.appendingPathComponent("post.lua")
    try Data(
      """
      local f = io.open("\(bodyFile.path)", "r")
      wrk.method = "POST"
      wrk.body = f:read("*a")
      f:close()
      wrk.headers["Content-Type"] = "application/json"
      """.utf8
    ).write(to: script)
    let process = Process()
    process.executableURL = executable
    process.arguments = [
      "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s", "--latency", "-s", script.path,
      url,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return try Self.parse(output)
  }

  /// Parses wrk's text report.
  public static func parse(_ text: String) throws -> Result {
    func number(after label: String) -> Double? {
      guard let range = text.range(of: label) else { return nil }
      let rest = text[range.upperBound...].drop(while: { $0 == " " })
      return Double(rest.prefix(while: { $0.isNumber || $0 == "." }))
    }
    func latency(_ percentile: String) -> Double? {
      for line in text.split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count == 2, fields[0] == percentile else { continue }
        let value = fields[1]
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where value.hasSuffix(unit) {
          return Double(value.dropLast(unit.count)).map { $0 * scale }
        }
      }
      return nil
    }
    guard let rate = number(after: "Requests/sec:"), let p50 = latency("50%"), let p99 = latency("99%"),
      let requestsLine = text.split(separator: "\n").first(where: { $0.contains(" requests in ") }),
      let requests = Int(requestsLine.split(separator: " ").first ?? "")
    else { throw WrkError(output: text) }
    let socketErrors = text.split(separator: "\n").first { $0.contains("Socket errors:") }.map { line in
      line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
    }
    return Result(
      requestsPerSecond: rate, requests: requests,
      non2xx: Int(number(after: "Non-2xx or 3xx responses:") ?? 0),
      socketErrors: socketErrors ?? 0, p50Ms: p50, p99Ms: p99)
  }
}

/// wrk's output could not be read.
public struct WrkError: Error, CustomStringConvertible {
  /// What wrk printed.
  public var output: String

  /// The unreadable output.
  public var description: String { "could not parse wrk output:\n\(output)" }
}
