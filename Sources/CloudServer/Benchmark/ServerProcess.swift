import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A server running as a child process (`edgehybrid serve --port 0 --port-file …`): for benchmarks and crash tests.
public final class ServerProcess {
  /// The child.
  public let process: Process
  /// The port it reported once listening.
  public let port: Int

  private init(process: Process, port: Int) {
    self.process = process
    self.port = port
  }

  /// Starts `executable` with `arguments` (which must include `--port-file portFile`) and waits until it listens.
  public static func launch(
    executable: URL, arguments: [String], portFile: URL, environment: [String: String]? = nil,
    output: FileHandle? = nil, timeout: Duration = .seconds(60)
  ) async throws -> ServerProcess {
    try? FileManager.default.removeItem(at: portFile)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let output {
      process.standardOutput = output
      process.standardError = output
    }
    try process.run()
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
      if let text = try? String(contentsOf: portFile, encoding: .utf8),
        let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return ServerProcess(process: process, port: port)
      }
      guard process.isRunning else {
        throw ServerProcessError.exitedEarly(executable.path, status: process.terminationStatus)
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    process.terminate()
    throw ServerProcessError.notListening(executable.path, timeout: timeout)
  }

  /// Process id.
  public var pid: Int32 { process.processIdentifier }

  /// Sends a signal (SIGTERM for a graceful stop, SIGKILL for a crash).
  public func send(_ signal: Int32) {
    kill(process.processIdentifier, signal)
  }

  /// Waits for the child to end and returns its exit status (or terminating signal).
  public func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32 {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while process.isRunning {
      guard clock.now < deadline else { throw ServerProcessError.didNotExit(pid: pid) }
      try await Task.sleep(for: .milliseconds(10))
    }
    return process.terminationStatus
  }

  /// Resident memory now and at its peak, in MiB, from `/proc/<pid>/status` (nil where /proc is missing).
  public var memory: (residentMiB: Double, peakMiB: Double)? { ProcessMemory.read(pid: pid) }
}

/// Memory of a process from Linux's `/proc`.
public enum ProcessMemory {
  /// VmRSS and VmHWM of `pid` in MiB.
  public static func read(pid: Int32) -> (residentMiB: Double, peakMiB: Double)? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    func kibibytes(_ key: String) -> Double? {
      guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else {
        return nil
      }
      return line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
    }
    guard let resident = kibibytes("VmRSS"), let peak = kibibytes("VmHWM") else { return nil }
    return (resident / 1024, peak / 1024)
  }

  /// Resident MiB of `pid` and all its descendants (a server with worker processes).
  public static func treeResidentMiB(pid: Int32) -> Double {
    ([pid] + ProcessTree.descendants(of: pid)).reduce(0) { $0 + (read(pid: $1)?.residentMiB ?? 0) }
  }
}

/// Why a child server could not be used.
public enum ServerProcessError: Error, Equatable, Sendable, CustomStringConvertible {
  /// It exited before listening.
  case exitedEarly(String, status: Int32)
  /// It did not report a port in time.
  case notListening(String, timeout: Duration)
  /// It did not exit in time.
  case didNotExit(pid: Int32)

  /// What happened.
  public var description: String {
    switch self {
    case .exitedEarly(let path, let status): "\(path) exited with status \(status) before listening"
    case .notListening(let path, let timeout): "\(path) did not report a port within \(timeout)"
    case .didNotExit(let pid): "process \(pid) did not exit in time"
    }
  }
}
