import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A mosquitto broker of its own on a free 127.0.0.1 port, for tests and benchmarks: started from a
/// generated configuration in a temporary directory, stopped with SIGTERM, restartable on the same port.
public actor LocalMosquitto {
  /// The address it listens on (loopback only).
  public nonisolated let host = "127.0.0.1"
  /// The TCP port it listens on.
  public nonisolated let port: Int
  /// The temporary directory with its configuration, log and persistence file.
  public nonisolated let directory: URL
  private nonisolated let executable: String
  private var process: ChildProcess?

  private init(port: Int, directory: URL, executable: String) {
    self.port = port
    self.directory = directory
    self.executable = executable
  }

  /// A PEM certificate and its private key for a TLS listener.
  public struct TLSIdentity: Sendable {
    /// The server certificate, PEM.
    public var certificatePEM: String
    /// Its private key, PEM.
    public var privateKeyPEM: String

    /// An identity from PEM text.
    public init(certificatePEM: String, privateKeyPEM: String) {
      self.certificatePEM = certificatePEM
      self.privateKeyPEM = privateKeyPEM
    }
  }

  /// Starts a broker and returns once it accepts connections. With `persistent`, sessions, queued
  /// QoS 1 messages and retained messages survive `stop()` and `start()` (saved on SIGTERM).
  /// With `tls`, the listener speaks TLS only, presenting that identity.
  public static func start(
    persistent: Bool = false, tls: TLSIdentity? = nil
  ) async throws(LocalMosquittoError) -> LocalMosquitto {
    let executable = try findExecutable()
    var lastError = LocalMosquittoError("no attempt made")
    for _ in 0..<3 {
      let port = try await freeLoopbackPort()
      let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("mosquitto-\(port)-\(UInt32.random(in: 0...UInt32.max))")
      do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let tls {
          try tls.certificatePEM.write(
            to: directory.appendingPathComponent("server.crt"), atomically: true, encoding: .utf8)
          try tls.privateKeyPEM.write(
            to: directory.appendingPathComponent("server.key"), atomically: true, encoding: .utf8)
        }
        try configuration(port: port, directory: directory, persistent: persistent, tls: tls != nil)
          .write(to: directory.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
      } catch {
        throw LocalMosquittoError("cannot write the broker configuration in \(directory.path): \(error)")
      }
      let broker = LocalMosquitto(port: port, directory: directory, executable: executable)
      do {
        try await broker.start()
        return broker
      } catch {
        lastError = error
        await broker.shutdown()
      }
    }
    throw lastError
  }

  /// Starts the broker again on the same port after `stop()` (a no-op while it runs).
  public func start() async throws(LocalMosquittoError) {
    if var running = process, running.isRunning() { return }
    let startsBefore = log().components(separatedBy: " running").count
    var process = try ChildProcess.spawn(
      executable, ["-c", directory.appendingPathComponent("mosquitto.conf").path])
    self.process = process
    // Ready once its log says it runs, which it writes after opening the listener.
    let deadline = ContinuousClock.now + .seconds(5)
    while ContinuousClock.now < deadline {
      if !process.isRunning() {
        self.process = nil
        throw LocalMosquittoError("mosquitto exited at start; its log:\n\(log())")
      }
      if log().components(separatedBy: " running").count > startsBefore { return }
      try? await Task.sleep(for: .milliseconds(5))
    }
    await stop()
    throw LocalMosquittoError(
      "mosquitto did not accept connections on port \(port) within 5 s; its log:\n\(log())")
  }

  /// Stops the broker with SIGTERM (it saves persistence) and waits for it to exit (SIGKILL after 5 s).
  public func stop() async {
    guard var process else { return }
    process.send(SIGTERM)
    let deadline = ContinuousClock.now + .seconds(5)
    while process.isRunning() && ContinuousClock.now < deadline {
      try? await Task.sleep(for: .milliseconds(5))
    }
    if process.isRunning() {
      process.send(SIGKILL)
      process.waitForExit()
    }
    self.process = nil
  }

  /// Stops the broker and deletes its directory.
  public func shutdown() async {
    await stop()
    try? FileManager.default.removeItem(at: directory)
  }

  /// The broker's log so far, for failure messages.
  public func log() -> String {
    (try? String(contentsOf: directory.appendingPathComponent("mosquitto.log"), encoding: .utf8))
      ?? "(no log)"
  }

  private static func configuration(port: Int, directory: URL, persistent: Bool, tls: Bool) -> String {
    var lines = [
      "listener \(port) 127.0.0.1",
      tls ? "certfile \(directory.appendingPathComponent("server.crt").path)" : "",
      tls ? "keyfile \(directory.appendingPathComponent("server.key").path)" : "",
      "allow_anonymous true",
      "persistence \(persistent)",
      "persistence_location \(directory.path)/",
      "log_dest file \(directory.appendingPathComponent("mosquitto.log").path)",
      "log_type error",
      "log_type warning",
      "log_type notice",
      "log_type information",
    ]
    // Run as root, mosquitto would switch to the user "mosquitto", who cannot write our directory.
    if getuid() == 0 { lines.insert("user root", at: 0) }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func findExecutable() throws(LocalMosquittoError) -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let candidates =
      ["/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin"] + path.split(separator: ":").map(String.init)
    for directory in candidates {
      let file = directory + "/mosquitto"
      if FileManager.default.isExecutableFile(atPath: file) { return file }
    }
    throw LocalMosquittoError(
      "mosquitto not found in /usr/sbin, /usr/local/sbin, /opt/homebrew/sbin or PATH; "
        + "install it (Debian: apt-get install mosquitto)")
  }

  /// A port that is free now, picked below the usual ephemeral ranges (Linux 32768+, macOS 49152+)
  /// so that no outgoing connection takes it while the broker is down between a stop and a start.
  private static func freeLoopbackPort() async throws(LocalMosquittoError) -> Int {
    for _ in 0..<100 {
      let port = Int.random(in: 10_000..<32_768)
      if port == 1883 || port == 8883 { continue }
      if let channel = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: port).get()
      {
        try? await channel.close()
        return port
      }
    }
    throw LocalMosquittoError("no free loopback port found in 10000..<32768")
  }
}

/// Why a local mosquitto could not be started, with the broker's log when there is one.
public struct LocalMosquittoError: Error, Sendable, CustomStringConvertible {
  /// What went wrong and what to do.
  public var description: String

  init(_ description: String) { self.description = description }
}
